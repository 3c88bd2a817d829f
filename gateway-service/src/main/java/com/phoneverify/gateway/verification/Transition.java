package com.phoneverify.gateway.verification;

import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.jspecify.annotations.Nullable;

/**
 * A move to a final status.
 *
 * @param reason why it was denied or failed; null otherwise
 */
public record Transition(VerificationStatus status, @Nullable StatusReason reason) {

	public Transition {
		if (!status.isFinal()) {
			throw new IllegalArgumentException("a transition goes to a final status");
		}
	}

	public static Transition to(VerificationStatus status) {
		return new Transition(status, null);
	}

}
