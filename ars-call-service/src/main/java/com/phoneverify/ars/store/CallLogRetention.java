package com.phoneverify.ars.store;

import java.time.Clock;
import java.time.Duration;

import com.phoneverify.messaging.support.PeriodicPurge;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Deletes calls that are over and published once {@code ars.retention.call-log} has
 * passed since their last change, a thousand rows per statement.
 */
class CallLogRetention extends PeriodicPurge {

	private static final int BATCH = 1000;

	private final DatabaseClient db;

	private final Clock clock;

	private final Duration retention;

	CallLogRetention(DatabaseClient db, Clock clock, Duration retention, Duration interval) {
		super(interval, "the call log past its retention");
		this.db = db;
		this.clock = clock;
		this.retention = retention;
	}

	@Override
	protected Mono<Long> purgeExpired() {
		return deleteBatch().expand((deleted) -> (deleted >= BATCH) ? deleteBatch() : Mono.empty())
			.reduce(0L, Long::sum);
	}

	private Mono<Long> deleteBatch() {
		return this.db.sql("""
				DELETE FROM ars.calls WHERE verification_id IN (
				  SELECT verification_id FROM ars.calls
				  WHERE state = 'published' AND updated_at < $1
				  LIMIT $2 FOR UPDATE SKIP LOCKED)
				""").bind(0, this.clock.instant().minus(this.retention)).bind(1, BATCH).fetch().rowsUpdated();
	}

}
