package com.phoneverify.contracts;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What every event has, whatever its payload: the header of an {@link EventEnvelope}.
 * Consumers deduplicate by {@link #eventId()}; {@link #type()} and
 * {@link #schemaVersion()} select the payload's schema; {@link #traceparent()} is a W3C
 * trace context (null when the producer had none); {@link #key()} is the Kafka record
 * key, chosen per topic ({@link EventTopic}).
 */
public interface Event {

	UUID eventId();

	String type();

	int schemaVersion();

	Instant occurredAt();

	@Nullable String traceparent();

	/**
	 * The Kafka record key, as text: the id that keeps related events in order on one
	 * partition (a verification id, a transfer id, a message id; see the topic).
	 */
	String key();

}
