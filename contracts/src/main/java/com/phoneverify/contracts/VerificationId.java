package com.phoneverify.contracts;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies one verification across all services. Serialized as its UUID string. */
public record VerificationId(UUID value) {

	public VerificationId {
		if (value == null) {
			throw new IllegalArgumentException("verification id must not be null");
		}
	}

	public static VerificationId random() {
		return new VerificationId(UUID.randomUUID());
	}

	@JsonCreator
	public static VerificationId parse(String text) {
		return new VerificationId(UUID.fromString(text));
	}

	@JsonValue
	@Override
	public String toString() {
		return this.value.toString();
	}

}
