package com.phoneverify.messaging.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.phoneverify.messaging.support.PeriodicPurge;
import com.phoneverify.messaging.support.TableName;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The ids of the events consumed ({@code messaging.consumer.processed-events-table}), so
 * that a redelivered event is applied once. Ids are kept for
 * {@code messaging.consumer.processed-events-retention} and purged periodically.
 */
public class ProcessedEvents extends PeriodicPurge {

	private final DatabaseClient db;

	private final Clock clock;

	private final Duration retention;

	private final String insert;

	private final String purge;

	private final String insertAll;

	public ProcessedEvents(DatabaseClient db, Clock clock, TableName table, Duration retention,
			Duration purgeInterval) {
		super(purgeInterval, "processed event ids");
		this.db = db;
		this.clock = clock;
		this.retention = retention;
		this.insert = "INSERT INTO " + table + " (event_id, processed_at) VALUES ($1, $2) ON CONFLICT DO NOTHING";
		this.insertAll = "INSERT INTO " + table + " (event_id, processed_at) SELECT unnest($1::uuid[]), $2 "
				+ "ON CONFLICT DO NOTHING RETURNING event_id";
		this.purge = "DELETE FROM " + table + " WHERE processed_at < $1";
	}

	/**
	 * Records the event id in the caller's transaction; emits false when it was recorded
	 * before (the event was processed).
	 */
	public Mono<Boolean> firstDelivery(UUID eventId) {
		return this.db.sql(this.insert)
			.bind(0, eventId)
			.bind(1, this.clock.instant())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/**
	 * {@link #firstDelivery} for many events in one statement: records the ids in the
	 * caller's transaction and emits those recorded now (an id given twice counts once).
	 */
	public Mono<Set<UUID>> firstDeliveries(Collection<UUID> eventIds) {
		if (eventIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		return this.db.sql(this.insertAll)
			.bind(0, eventIds.toArray(new UUID[0]))
			.bind(1, this.clock.instant())
			.map((row) -> row.get("event_id", UUID.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

	/** Deletes the ids recorded more than the retention ago; emits how many. */
	@Override
	public Mono<Long> purgeExpired() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		return this.db.sql(this.purge).bind(0, cutoff).fetch().rowsUpdated();
	}

}
