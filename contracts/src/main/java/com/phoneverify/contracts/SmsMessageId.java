package com.phoneverify.contracts;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies one outbound SMS or LMS, from the request to its last delivery status.
 * Serialized as its UUID string.
 */
public record SmsMessageId(UUID value) {

	public SmsMessageId {
		if (value == null) {
			throw new IllegalArgumentException("sms message id must not be null");
		}
	}

	public static SmsMessageId random() {
		return new SmsMessageId(UUID.randomUUID());
	}

	@JsonCreator
	public static SmsMessageId parse(String text) {
		return new SmsMessageId(UUID.fromString(text));
	}

	@JsonValue
	@Override
	public String toString() {
		return this.value.toString();
	}

}
