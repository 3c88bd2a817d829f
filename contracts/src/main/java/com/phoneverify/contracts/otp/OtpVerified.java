package com.phoneverify.contracts.otp;

import java.util.Objects;

import com.phoneverify.contracts.EventType;
import org.jspecify.annotations.Nullable;

/**
 * otp-service answered an {@link OtpVerificationRequested}: the payload on topic
 * {@code otp-verified} (key: the request id; schema {@code otp-verified.v1.json}).
 * Carries no code, PIN or customer data.
 *
 * @param requestId the request answered
 * @param result verified, rejected or refused
 * @param problem refused only: the problem type of otp-service's API (e.g.
 * {@code token-locked}); null otherwise
 * @param remainingAttempts rejected only: failures left before the lock
 */
public record OtpVerified(OtpRequestId requestId, OtpVerificationResult result, @Nullable String problem,
		@Nullable Integer remainingAttempts) {

	public static final String TYPE = "otp-verified";

	public static final int VERSION = 1;

	public static final EventType<OtpVerified> EVENT_TYPE = new EventType<>(TYPE, VERSION, OtpVerified.class);

	public OtpVerified {
		Objects.requireNonNull(requestId, "requestId");
		Objects.requireNonNull(result, "result");
		if ((problem != null) != (result == OtpVerificationResult.REFUSED)) {
			throw new IllegalArgumentException("a refusal, and only a refusal, names its problem");
		}
		if ((remainingAttempts != null) != (result == OtpVerificationResult.REJECTED)) {
			throw new IllegalArgumentException("a rejection, and only a rejection, counts remaining attempts");
		}
	}

}
