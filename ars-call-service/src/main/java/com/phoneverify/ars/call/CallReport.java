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

}
