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
	HUNG_UP;

	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
