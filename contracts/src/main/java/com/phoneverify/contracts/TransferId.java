package com.phoneverify.contracts;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies one 2-WAY transfer (transfer-consent-service). Serialized as its UUID
 * string.
 */
public record TransferId(UUID value) {

	public TransferId {
		if (value == null) {
			throw new IllegalArgumentException("transfer id must not be null");
		}
	}

	public static TransferId random() {
		return new TransferId(UUID.randomUUID());
	}

	@JsonCreator
	public static TransferId parse(String text) {
		return new TransferId(UUID.fromString(text));
	}

	@JsonValue
	@Override
	public String toString() {
		return this.value.toString();
	}

}
