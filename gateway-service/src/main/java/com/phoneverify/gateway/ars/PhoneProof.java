package com.phoneverify.gateway.ars;

/**
 * What one of the merchant's ARS verifications proves about a phone number, for another
 * product that composes the suite's phone identity check (otp-service's mobile OTP
 * issuance, issue 15): only {@link #PROVEN} proves that the person holds the phone.
 */
public enum PhoneProof {

	/** Approved, recently, for this number: the phone's holder answered and proved it. */
	PROVEN,
	/** No ARS verification of this merchant has the id. */
	UNKNOWN,
	/** It exists but is not approved (pending, denied, expired, failed, …). */
	NOT_APPROVED,
	/** Approved for another number. */
	OTHER_PHONE,
	/** Approved, but longer ago than the composing product accepts. */
	TOO_OLD

}
