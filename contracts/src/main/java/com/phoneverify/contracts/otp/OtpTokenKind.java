package com.phoneverify.contracts.otp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which of the customer's OTPs the code comes from. */
public enum OtpTokenKind {

	/** A registered hardware OTP (another institution's device). */
	@JsonProperty("hardware")
	HARDWARE,

	/** The mobile OTP (needs its PIN). */
	@JsonProperty("mobile")
	MOBILE

}
