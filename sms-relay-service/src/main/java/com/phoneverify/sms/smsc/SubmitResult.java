package com.phoneverify.sms.smsc;

/** How the SMSC answered one submit_sm. */
public sealed interface SubmitResult {

	/** submit_sm_resp OK with the SMSC's message id. */
	record Accepted(String smscMessageId) implements SubmitResult {
	}

	/** ESME_RTHROTTLED or ESME_RMSGQFUL: slow down and try again. */
	record Throttled(String commandStatus) implements SubmitResult {
	}

	/** Any other error status: the SMSC will not take this message. */
	record Refused(String commandStatus) implements SubmitResult {
	}

	/**
	 * No session, the link dropped or no response in time: the SMSC may or may not have
	 * taken it (the at-least-once window at the SMSC boundary).
	 */
	record Unavailable(String reason) implements SubmitResult {
	}

}
