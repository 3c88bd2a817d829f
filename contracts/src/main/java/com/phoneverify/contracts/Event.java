package com.phoneverify.contracts;

import java.time.Instant;
import java.util.Objects;
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

	/**
	 * Checks what every event has, for the compact constructors of the event records.
	 * @throws IllegalArgumentException for another type or version (the message names
	 * both)
	 * @throws NullPointerException for a missing id, verification id, merchant id or time
	 */
	static void checkHeader(UUID eventId, String type, int schemaVersion, Instant occurredAt,
			VerificationId verificationId, MerchantId merchantId, String expectedType, int expectedVersion) {
		Objects.requireNonNull(eventId, "eventId");
		if (!expectedType.equals(type) || schemaVersion != expectedVersion) {
			throw new IllegalArgumentException(
					"expected " + expectedType + " v" + expectedVersion + ", got " + type + " v" + schemaVersion);
		}
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(verificationId, "verificationId");
		Objects.requireNonNull(merchantId, "merchantId");
	}

}
