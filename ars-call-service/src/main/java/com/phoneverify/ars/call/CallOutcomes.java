package com.phoneverify.ars.call;

import com.phoneverify.contracts.ars.CallOutcome;

/** How the network's answer to an INVITE maps to a {@link CallOutcome}. */
final class CallOutcomes {

	private CallOutcomes() {
	}

	/**
	 * The outcome of a final non-2xx response to our INVITE: 486/600 busy; 408/480 no
	 * answer; 404/484 bad number; other 4xx/6xx (603 among them) rejected; 5xx trunk
	 * failure.
	 * @param status a final SIP status, 300-699
	 */
	public static CallOutcome forFinalStatus(int status) {
		if (status < 300 || status > 699) {
			throw new IllegalArgumentException("not a final failure status: " + status);
		}
		return switch (status) {
			case 486, 600 -> CallOutcome.BUSY;
			case 408, 480 -> CallOutcome.NO_ANSWER;
			case 404, 484 -> CallOutcome.BAD_NUMBER;
			default -> {
				if (status >= 500 && status < 600) {
					yield CallOutcome.TRUNK_FAILURE;
				}
				// 3xx: we follow no redirects, so the number is not reachable as dialled
				yield (status < 400) ? CallOutcome.BAD_NUMBER : CallOutcome.REJECTED;
			}
		};
	}

	/** The outcome of a call that ended before it was answered. */
	public static CallOutcome forUnanswered(CallEvent.Ended ended) {
		return switch (ended.cause()) {
			case TRANSPORT_ERROR -> CallOutcome.TRANSPORT_ERROR;
			case REFUSED ->
				(ended.finalStatus() != null) ? forFinalStatus(ended.finalStatus()) : CallOutcome.TRANSPORT_ERROR;
			// we canceled: the caller decides whether it was the ring timeout or an
			// expiry
			case LOCAL_HANGUP -> CallOutcome.NO_ANSWER;
			case REMOTE_HANGUP -> CallOutcome.REJECTED;
		};
	}

}
