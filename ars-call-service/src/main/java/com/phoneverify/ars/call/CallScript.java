package com.phoneverify.ars.call;

import com.phoneverify.contracts.ars.ScenarioResult;
import reactor.core.publisher.Mono;

/** What to do once the phone answered. */
@FunctionalInterface
public interface CallScript {

	/**
	 * Runs the script; it is cancelled when the phone hangs up or the verification
	 * expires.
	 * @param progress where the script records each result it reaches on the way, so that
	 * a call which ends early still reports how far it got
	 * @return how far the script got
	 */
	Mono<ScenarioResult> run(CallMedia media, ScriptProgress progress);

}
