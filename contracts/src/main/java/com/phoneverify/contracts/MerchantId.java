package com.phoneverify.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a merchant: lower-case letters, digits and hyphens, 3 to 64 characters.
 * Serialized as the plain string.
 */
public record MerchantId(String value) {

	public MerchantId {
		if (value == null || !value.matches("[a-z0-9][a-z0-9-]{2,63}")) {
			throw new IllegalArgumentException("merchant id must be 3-64 lower-case letters, digits or hyphens");
		}
	}

	@JsonCreator
	public static MerchantId of(String value) {
		return new MerchantId(value);
	}

	@JsonValue
	@Override
	public String toString() {
		return this.value;
	}

}
