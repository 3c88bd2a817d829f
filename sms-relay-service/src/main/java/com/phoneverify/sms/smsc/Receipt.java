package com.phoneverify.sms.smsc;

import org.jspecify.annotations.Nullable;

/**
 * A delivery receipt: the final state of one submitted part.
 *
 * @param smscMessageId the id from submit_sm_resp
 * @param state the final state
 * @param errorCode the receipt's {@code err:} field when not delivered
 */
public record Receipt(String smscMessageId, State state, @Nullable String errorCode) {

	public enum State {

		DELIVERED, EXPIRED, FAILED

	}

}
