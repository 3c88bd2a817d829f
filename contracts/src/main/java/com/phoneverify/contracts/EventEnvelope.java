package com.phoneverify.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One event: the header every event has, and the payload of one product. On the wire
 * (schema {@code envelope.v1.json}):
 *
 * <pre>
 * {"eventId":"…","type":"call-completed","schemaVersion":2,"occurredAt":"…Z",
 *  "traceparent":"00-…-…-01","key":"…","payload":{…}}
 * </pre>
 *
 * {@code type} and {@code schemaVersion} name the payload's schema; {@code key} is the
 * Kafka record key, repeated so that an event read from a dead-letter topic, a database
 * or a log is complete on its own. Create one with
 * {@link EventTopic#envelope(Object, Instant, String)}, which fills in the type, version
 * and key.
 *
 * @param eventId consumers deduplicate by it
 * @param traceparent the producer's W3C trace context, or null
 * @param key the record key, chosen per topic
 */
@JsonPropertyOrder({ "eventId", "type", "schemaVersion", "occurredAt", "traceparent", "key", "payload" })
public record EventEnvelope<P>(UUID eventId, String type, int schemaVersion, Instant occurredAt,
		@Nullable String traceparent, String key, P payload) implements Event {

	public EventEnvelope {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(payload, "payload");
		if (schemaVersion < 1) {
			throw new IllegalArgumentException("schemaVersion must be at least 1, got " + schemaVersion);
		}
	}

}
