package com.phoneverify.simulators.phone.call;

import java.time.Duration;

/** What a simulated phone does with an incoming call. */
public sealed interface PhoneBehaviour {

	/** Ring, then answer after the simulator's ring delay. */
	record Answer() implements PhoneBehaviour {
	}

	/**
	 * Reject at once with a final status, e.g. 486 Busy Here.
	 *
	 * @param status the SIP status code (400–699)
	 */
	record Reject(int status) implements PhoneBehaviour {

		public Reject {
			if (status < 400 || status > 699) {
				throw new IllegalArgumentException("a rejection needs a 4xx-6xx status: " + status);
			}
		}

	}

	/** Ring until the caller gives up (CANCEL, answered with 487 Request Terminated). */
	record RingForever() implements PhoneBehaviour {
	}

	/**
	 * Answer like {@link Answer}, then hang up (BYE) after a while.
	 *
	 * @param after how long after the answer the phone hangs up
	 */
	record AnswerThenHangUp(Duration after) implements PhoneBehaviour {
	}

}
