package com.phoneverify.contracts;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What every event has. Consumers deduplicate by {@link #eventId()}; {@link #type()} and
 * {@link #schemaVersion()} select the schema; {@link #traceparent()} is a W3C trace
 * context (may be null when the producer had none).
 */
public interface Event {

	UUID eventId();

	String type();

	int schemaVersion();

	Instant occurredAt();

	@Nullable String traceparent();

	/**
	 * The Kafka record key: the verification id, so one verification's events stay in
	 * order.
	 */
	String key();

}
