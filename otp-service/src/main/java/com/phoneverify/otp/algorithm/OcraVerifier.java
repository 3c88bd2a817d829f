package com.phoneverify.otp.algorithm;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Verifies OCRA responses with the same once-only rule as {@link HotpVerifier} and
 * {@link TotpVerifier}: for a suite with {@code T}, the time steps within {@code window}
 * of now and after {@code lastUsed}; for a suite with {@code C}, the counters from
 * {@code lastUsed + 1} to {@code lastUsed + 1 + window}. A suite with neither relies on
 * the caller never asking the same challenge twice.
 *
 * @param suite the suite
 * @param window drift in time steps, or look-ahead in counters
 */
public record OcraVerifier(OcraSuite suite, int window) {

	public OcraVerifier {
		if (window < 0 || window > 100) {
			throw new IllegalArgumentException("window is 0 to 100, not " + window);
		}
	}

	/**
	 * The time step or counter the response was computed with (0 for a suite with
	 * neither), empty when it matches none allowed. The caller stores it as the new
	 * {@code lastUsed}.
	 * @throws CodeFormat.MalformedCodeException when the response is not the suite's
	 * digits
	 * @throws IllegalArgumentException when the challenge does not fit the suite
	 */
	public OptionalLong verify(byte[] key, Instant now, long lastUsed, Ocra.Input input, String response) {
		if (this.suite.timeStep().isPresent()) {
			long current = this.suite.stepAt(now);
			for (int distance = 0; distance <= this.window; distance++) {
				for (long step : (distance == 0) ? new long[] { current }
						: new long[] { current - distance, current + distance }) {
					if (step > lastUsed && Ocra.matches(this.suite, key, input.withTimeStep(step), response)) {
						return OptionalLong.of(step);
					}
				}
			}
			return OptionalLong.empty();
		}
		if (this.suite.counter()) {
			for (long counter = lastUsed + 1; counter <= lastUsed + 1 + this.window; counter++) {
				if (Ocra.matches(this.suite, key, input.withCounter(counter), response)) {
					return OptionalLong.of(counter);
				}
			}
			return OptionalLong.empty();
		}
		return Ocra.matches(this.suite, key, input, response) ? OptionalLong.of(0) : OptionalLong.empty();
	}

}
