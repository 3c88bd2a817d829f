package com.phoneverify.contracts.ars;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.phoneverify.contracts.Event;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.sealed.SealedValue;

/**
 * A verification asks for an outbound ARS call (topic {@code auth-requested}, schema
 * {@code auth-requested.v1.json}).
 *
 * @param phone the E.164 number to dial, sealed with associated data
 * {@code <verificationId>/phone}
 * @param code the code to read out (A, B) or to be typed (C), sealed with
 * {@code <verificationId>/code}
 * @param challengeKey B only: the single key the customer must press before hearing the
 * code, sealed with {@code <verificationId>/challenge-key}; null for A and C
 * @param expiresAt after this instant no call may start and a running call is ended
 */
public record AuthRequested(UUID eventId, String type, int schemaVersion, Instant occurredAt,
		@Nullable String traceparent, VerificationId verificationId, MerchantId merchantId, ArsScenario scenario,
		SealedValue phone, SealedValue code, @Nullable SealedValue challengeKey, int codeLength,
		Instant expiresAt) implements Event {

	public static final String TYPE = "auth-requested";

	public static final int VERSION = 1;

	public AuthRequested {
		Event.checkHeader(eventId, type, schemaVersion, occurredAt, verificationId, merchantId, TYPE, VERSION);
		Objects.requireNonNull(scenario, "scenario");
		Objects.requireNonNull(phone, "phone");
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(expiresAt, "expiresAt");
		if (codeLength < 4 || codeLength > 8) {
			throw new IllegalArgumentException("codeLength must be 4-8, got " + codeLength);
		}
		if ((scenario == ArsScenario.B) != (challengeKey != null)) {
			throw new IllegalArgumentException("a challenge key is required for scenario B and only for B");
		}
	}

	public static AuthRequested of(VerificationId verificationId, MerchantId merchantId, ArsScenario scenario,
			SealedValue phone, SealedValue code, @Nullable SealedValue challengeKey, int codeLength, Instant expiresAt,
			Instant now, @Nullable String traceparent) {
		return new AuthRequested(UUID.randomUUID(), TYPE, VERSION, now, traceparent, verificationId, merchantId,
				scenario, phone, code, challengeKey, codeLength, expiresAt);
	}

	/** Associated data that binds a sealed field to this verification. */
	public static String sealingContext(VerificationId id, String field) {
		return id + "/" + field;
	}

	@Override
	public String key() {
		return this.verificationId.toString();
	}

}
