package com.phoneverify.contracts.verification;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a verification was denied or failed. */
public enum StatusReason {

	@JsonProperty("busy")
	BUSY, @JsonProperty("no_answer")
	NO_ANSWER, @JsonProperty("rejected")
	REJECTED, @JsonProperty("bad_number")
	BAD_NUMBER, @JsonProperty("trunk_failure")
	TRUNK_FAILURE, @JsonProperty("transport_error")
	TRANSPORT_ERROR, @JsonProperty("no_input")
	NO_INPUT, @JsonProperty("wrong_input")
	WRONG_INPUT, @JsonProperty("hung_up")
	HUNG_UP,
	/** Transfer: the remitting account has less than the amount. */
	@JsonProperty("insufficient_funds")
	INSUFFICIENT_FUNDS,
	/** Transfer: an account named in the request does not exist. */
	@JsonProperty("unknown_account")
	UNKNOWN_ACCOUNT,
	/** Transfer: the remitter's password was wrong, or the account is locked. */
	@JsonProperty("authentication_failed")
	AUTHENTICATION_FAILED,
	/** Transfer: the telco says the recipient phone is not the account holder's. */
	@JsonProperty("name_mismatch")
	NAME_MISMATCH,
	/** Transfer: the request broke a rule (limit, bank, purpose). */
	@JsonProperty("invalid_request")
	INVALID_REQUEST,
	/**
	 * Transfer: the consent SMS could not be delivered, or the name check was
	 * unavailable.
	 */
	@JsonProperty("undeliverable")
	UNDELIVERABLE;

	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
