package com.phoneverify.gateway.callresult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.support.PeriodicPurge;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The ids of the events consumed (table {@code processed_events}), so that a redelivered
 * event is applied once. Ids are kept for
 * {@code gateway.kafka.processed-events-retention} (7 days), far longer than a redelivery
 * can come late, and purged periodically.
 */
@Component
class ProcessedEvents extends PeriodicPurge {

	private final DatabaseClient db;

	private final Clock clock;

	private final Duration retention;

	ProcessedEvents(DatabaseClient db, Clock clock, GatewayProperties properties) {
		super(properties.kafka().processedEventsPurgeInterval(), "processed event ids");
		this.db = db;
		this.clock = clock;
		this.retention = properties.kafka().processedEventsRetention();
	}

	/**
	 * Records the event id in the caller's transaction; emits false when it was recorded
	 * before (the event was processed).
	 */
	Mono<Boolean> firstDelivery(UUID eventId) {
		return this.db.sql(
				"INSERT INTO gateway.processed_events (event_id, processed_at) VALUES ($1, now()) ON CONFLICT DO NOTHING")
			.bind(0, eventId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/** Deletes the ids recorded more than the retention ago; emits how many. */
	@Override
	protected Mono<Long> purgeExpired() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		return this.db.sql("DELETE FROM gateway.processed_events WHERE processed_at < $1")
			.bind(0, cutoff)
			.fetch()
			.rowsUpdated();
	}

}
