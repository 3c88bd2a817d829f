package com.phoneverify.contracts.otp;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies one OTP verification request and its answer. Serialized as its UUID string.
 */
public record OtpRequestId(UUID value) {

	public OtpRequestId {
		if (value == null) {
			throw new IllegalArgumentException("OTP request id must not be null");
		}
	}

	public static OtpRequestId random() {
		return new OtpRequestId(UUID.randomUUID());
	}

	@JsonCreator
	public static OtpRequestId parse(String text) {
		return new OtpRequestId(UUID.fromString(text));
	}

	@JsonValue
	@Override
	public String toString() {
		return this.value.toString();
	}

}
