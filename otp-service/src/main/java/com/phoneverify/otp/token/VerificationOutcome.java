package com.phoneverify.otp.token;

import java.util.UUID;

/**
 * How a verification ended. A value, not an exception: a rejection changes counters that
 * must be committed, so the transaction ends normally and the caller reads the outcome.
 */
public sealed interface VerificationOutcome {

	/** The code was right; the customer's error count is back to zero. */
	record Verified(UUID tokenId, TokenKind kind) implements VerificationOutcome {
	}

	/**
	 * The code was wrong.
	 *
	 * @param failures consecutive failures now (the shared count)
	 * @param remaining failures left before the lock
	 */
	record Rejected(int failures, int remaining) implements VerificationOutcome {

		public boolean locked() {
			return this.remaining == 0;
		}

	}

	/** Nothing was checked, or a PIN was wrong: {@code problem} says why. */
	record Refused(OtpProblem problem, String detail) implements VerificationOutcome {
	}

}
