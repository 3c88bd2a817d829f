package com.phoneverify.ars.call;

import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.CallTimings;
import com.phoneverify.contracts.ars.ScenarioResult;
import org.jspecify.annotations.Nullable;

/**
 * How one call ended.
 *
 * @param scenarioResult set only when the outcome is answered
 * @param sipStatus the final SIP status of the INVITE, null when none came
 */
public record CallReport(CallOutcome outcome, @Nullable ScenarioResult scenarioResult, @Nullable Integer sipStatus,
		CallTimings timings) {

	/**
	 * A call that was never dialled because its verification had already expired or
	 * ended.
	 */
	public static CallReport canceledBeforeDialling() {
		return new CallReport(CallOutcome.CANCELED, null, null, new CallTimings(null, null, 0));
	}

	/**
	 * A call that failed on our side before or while it ran (no RTP port, an unexpected
	 * error, or the service restarted during the call): the merchant still gets a final
	 * status.
	 */
	public static CallReport transportError() {
		return new CallReport(CallOutcome.TRANSPORT_ERROR, null, null, new CallTimings(null, null, 0));
	}

	/** A request that could not become a call, ended with {@code outcome} at once. */
	public static CallReport notDialled(CallOutcome outcome) {
		return new CallReport(outcome, null, null, new CallTimings(null, null, 0));
	}

}
