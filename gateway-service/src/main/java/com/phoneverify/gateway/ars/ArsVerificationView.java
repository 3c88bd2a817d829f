package com.phoneverify.gateway.ars;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.jspecify.annotations.Nullable;

/**
 * What a merchant sees of a verification. Never the full phone number; the code only in
 * the response that created a type C verification (the merchant shows it on screen).
 *
 * @param attemptsRemaining confirmations left (A and B only)
 * @param call the call's summary once it ended
 * @param code type C, creation response only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArsVerificationView(String id, ArsScenario type, VerificationStatus status, @Nullable StatusReason reason,
		String phone, int codeLength, @Nullable Integer attemptsRemaining, Instant expiresAt, Instant createdAt,
		Instant updatedAt, @Nullable String callbackUrl, @Nullable CallSummary call, @Nullable String code) {

	static ArsVerificationView of(ArsVerification verification, int maxAttempts) {
		return new ArsVerificationView(verification.id().toString(), verification.scenario(), verification.status(),
				verification.reason(), verification.phoneMasked(), verification.codeLength(),
				verification.attemptsRemaining(maxAttempts), verification.expiresAt(), verification.createdAt(),
				verification.updatedAt(), verification.callbackUrl(), verification.call(), null);
	}

	ArsVerificationView withCode(String code) {
		return new ArsVerificationView(this.id, this.type, this.status, this.reason, this.phone, this.codeLength,
				this.attemptsRemaining, this.expiresAt, this.createdAt, this.updatedAt, this.callbackUrl, this.call,
				code);
	}

}
