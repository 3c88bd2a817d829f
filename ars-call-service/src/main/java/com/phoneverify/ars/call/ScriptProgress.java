package com.phoneverify.ars.call;

import java.util.concurrent.atomic.AtomicReference;

import com.phoneverify.contracts.ars.ScenarioResult;
import org.jspecify.annotations.Nullable;

/**
 * How far one call's script has got so far: the result that holds if the call ends now
 * (for example {@code code_delivered} once the code was read out in full, or
 * {@code verified} as soon as the typed code matched). A customer who hangs up after that
 * point keeps the result. Thread-safe: the script writes, the call runner reads.
 */
public final class ScriptProgress {

	private final AtomicReference<@Nullable ScenarioResult> reached = new AtomicReference<>();

	/** The script reached a result that holds even if the phone hangs up from now on. */
	public void reached(ScenarioResult result) {
		this.reached.set(result);
	}

	/** The latest result reached, or null when none yet. */
	public @Nullable ScenarioResult reached() {
		return this.reached.get();
	}

	/** The latest result reached, or {@code otherwise} when none yet. */
	public ScenarioResult reachedOr(ScenarioResult otherwise) {
		ScenarioResult result = this.reached.get();
		return (result != null) ? result : otherwise;
	}

}
