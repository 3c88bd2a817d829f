package com.phoneverify.contracts.ars;

import java.time.Instant;
import java.util.Objects;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.sealed.SealedValue;
import org.jspecify.annotations.Nullable;

/**
 * A verification asks for an outbound ARS call: the payload on topic
 * {@code auth-requested} (key: the verification id; schema
 * {@code auth-requested.v2.json}).
 *
 * @param phone the E.164 number to dial, sealed with associated data
 * {@code <verificationId>/phone}
 * @param code the code to read out (A, B) or to be typed (C), sealed with
 * {@code <verificationId>/code}; null for E, which asks for consent, not a code
 * @param challengeKey B only: the single key the customer must press before hearing the
 * code, sealed with {@code <verificationId>/challenge-key}; null for A and C
 * @param codeLength the number of digits of the code, 4-8; 0 for E
 * @param expiresAt after this instant no call may start and a running call is ended
 */
public record AuthRequested(VerificationId verificationId, MerchantId merchantId, ArsScenario scenario,
		SealedValue phone, @Nullable SealedValue code, @Nullable SealedValue challengeKey, int codeLength,
		Instant expiresAt) {

	public static final String TYPE = "auth-requested";

	public static final int VERSION = 2;

	public static final EventType<AuthRequested> EVENT_TYPE = new EventType<>(TYPE, VERSION, AuthRequested.class);

	public AuthRequested {
		Objects.requireNonNull(verificationId, "verificationId");
		Objects.requireNonNull(merchantId, "merchantId");
		Objects.requireNonNull(scenario, "scenario");
		Objects.requireNonNull(phone, "phone");
		Objects.requireNonNull(expiresAt, "expiresAt");
		if (scenario.usesCode() != (code != null)) {
			throw new IllegalArgumentException("a code is required for scenarios A, B and C, and none is sent for E");
		}
		if (scenario.usesCode() && (codeLength < 4 || codeLength > 8)) {
			throw new IllegalArgumentException("codeLength must be 4-8, got " + codeLength);
		}
		if (!scenario.usesCode() && codeLength != 0) {
			throw new IllegalArgumentException("codeLength must be 0 for scenario E (no code), got " + codeLength);
		}
		if ((scenario == ArsScenario.B) != (challengeKey != null)) {
			throw new IllegalArgumentException("a challenge key is required for scenario B and only for B");
		}
	}

	/** Associated data that binds a sealed field to this verification. */
	public static String sealingContext(VerificationId id, String field) {
		return id + "/" + field;
	}

}
