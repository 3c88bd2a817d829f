package com.phoneverify.messaging.it;

import java.time.Instant;
import java.util.UUID;

import com.phoneverify.contracts.Event;
import org.jspecify.annotations.Nullable;

/** A minimal event of the test application. */
public record TestEvent(UUID eventId, String type, int schemaVersion, Instant occurredAt, @Nullable String traceparent,
		String key, String note) implements Event {

	static TestEvent of(String key, String note, @Nullable String traceparent) {
		return new TestEvent(UUID.randomUUID(), "test-event", 1, Instant.now(), traceparent, key, note);
	}

}
