package com.phoneverify.contracts.otp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an OTP verification ended. */
public enum OtpVerificationResult {

	/** The code was right (and had not been used before). */
	@JsonProperty("verified")
	VERIFIED,

	/** The code was wrong; the customer's consecutive error count went up. */
	@JsonProperty("rejected")
	REJECTED,

	/**
	 * Nothing was checked, or the PIN was wrong: {@code problem} says why (token-locked,
	 * token-lost, no-token, wrong-length, …).
	 */
	@JsonProperty("refused")
	REFUSED

}
