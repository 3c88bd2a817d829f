package com.phoneverify.contracts.ars;

import java.util.Objects;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import org.jspecify.annotations.Nullable;

/**
 * An ARS call has ended, whatever the reason: the payload on topic {@code call-completed}
 * (key: the verification id; schema {@code call-completed.v2.json}). Exactly one per
 * {@link AuthRequested}; the envelope's {@code occurredAt} is when the call ended.
 *
 * @param scenarioResult null unless {@code outcome} is {@link CallOutcome#ANSWERED}
 * @param sipStatus the final SIP status of the INVITE (200 when answered), null when none
 * came
 */
public record CallCompleted(VerificationId verificationId, MerchantId merchantId, CallOutcome outcome,
		@Nullable ScenarioResult scenarioResult, @Nullable Integer sipStatus, CallTimings timings) {

	public static final String TYPE = "call-completed";

	public static final int VERSION = 2;

	public static final EventType<CallCompleted> EVENT_TYPE = new EventType<>(TYPE, VERSION, CallCompleted.class);

	public CallCompleted {
		Objects.requireNonNull(verificationId, "verificationId");
		Objects.requireNonNull(merchantId, "merchantId");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(timings, "timings");
		if ((outcome == CallOutcome.ANSWERED) != (scenarioResult != null)) {
			throw new IllegalArgumentException("scenarioResult is required for answered calls and only for them");
		}
	}

}
