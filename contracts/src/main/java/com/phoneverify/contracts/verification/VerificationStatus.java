package com.phoneverify.contracts.verification;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The one status vocabulary of every product. {@link #PENDING} is the only non-final
 * status; a final status never changes again.
 */
public enum VerificationStatus {

	@JsonProperty("pending")
	PENDING, @JsonProperty("approved")
	APPROVED, @JsonProperty("denied")
	DENIED, @JsonProperty("canceled")
	CANCELED, @JsonProperty("expired")
	EXPIRED, @JsonProperty("max_attempts_reached")
	MAX_ATTEMPTS_REACHED,
	/** The proof could not be carried out; a {@link StatusReason} says why. */
	@JsonProperty("failed")
	FAILED;

	public boolean isFinal() {
		return this != PENDING;
	}

	/** The wire name, as in JSON and the database. */
	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
