package com.phoneverify.contracts.ars;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.phoneverify.contracts.Event;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;

/**
 * An ARS call has ended, whatever the reason (topic {@code call-completed}, schema
 * {@code call-completed.v1.json}). Exactly one per {@link AuthRequested}.
 *
 * @param scenarioResult null unless {@code outcome} is {@link CallOutcome#ANSWERED}
 * @param sipStatus the final SIP status of the INVITE (200 when answered), null when none
 * came
 */
public record CallCompleted(UUID eventId, String type, int schemaVersion, Instant occurredAt,
		@Nullable String traceparent, VerificationId verificationId, MerchantId merchantId, CallOutcome outcome,
		@Nullable ScenarioResult scenarioResult, @Nullable Integer sipStatus, CallTimings timings) implements Event {

	public static final String TYPE = "call-completed";

	public static final int VERSION = 1;

	public CallCompleted {
		Event.checkHeader(eventId, type, schemaVersion, occurredAt, verificationId, merchantId, TYPE, VERSION);
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(timings, "timings");
		if ((outcome == CallOutcome.ANSWERED) != (scenarioResult != null)) {
			throw new IllegalArgumentException("scenarioResult is required for answered calls and only for them");
		}
	}

	public static CallCompleted of(VerificationId verificationId, MerchantId merchantId, CallOutcome outcome,
			@Nullable ScenarioResult scenarioResult, @Nullable Integer sipStatus, CallTimings timings, Instant now,
			@Nullable String traceparent) {
		return new CallCompleted(UUID.randomUUID(), TYPE, VERSION, now, traceparent, verificationId, merchantId,
				outcome, scenarioResult, sipStatus, timings);
	}

	@Override
	public String key() {
		return this.verificationId.toString();
	}

}
