package com.phoneverify.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A topic, the one payload type it carries, and its record key: which id of the payload
 * keeps related events in order on one partition ({@code K}) and how that id is written
 * as the key. The instances are in {@link com.phoneverify.contracts.topics.EventTopics}.
 *
 * @param name the topic name ({@link Topics})
 * @param eventType the payload type the topic carries
 * @param keyOf the key of a payload, e.g. {@code AuthRequested::verificationId}
 * @param keyText the key as written on the record (and in the envelope)
 */
public record EventTopic<K, P>(String name, EventType<P> eventType, Function<? super P, ? extends K> keyOf,
		Function<? super K, String> keyText) {

	public EventTopic {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(eventType, "eventType");
		Objects.requireNonNull(keyOf, "keyOf");
		Objects.requireNonNull(keyText, "keyText");
	}

	/** A topic whose key is written as its {@code toString()} (the typed ids). */
	public static <K, P> EventTopic<K, P> of(String name, EventType<P> eventType,
			Function<? super P, ? extends K> keyOf) {
		return new EventTopic<>(name, eventType, keyOf, Object::toString);
	}

	public Class<P> payloadClass() {
		return this.eventType.payloadClass();
	}

	/** The key of a payload on this topic. */
	public K key(P payload) {
		return this.keyOf.apply(payload);
	}

	/** The record key of a payload on this topic, as text. */
	public String recordKey(P payload) {
		return this.keyText.apply(key(payload));
	}

	/** A new event (a random event id) carrying {@code payload} on this topic. */
	public EventEnvelope<P> envelope(P payload, Instant occurredAt, @Nullable String traceparent) {
		return new EventEnvelope<>(UUID.randomUUID(), this.eventType.name(), this.eventType.version(), occurredAt,
				traceparent, recordKey(payload), payload);
	}

	@Override
	public String toString() {
		return "EventTopic[" + this.name + ", " + this.eventType + "]";
	}

}
