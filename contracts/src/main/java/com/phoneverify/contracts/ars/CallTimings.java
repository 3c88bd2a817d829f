package com.phoneverify.contracts.ars;

import org.jspecify.annotations.Nullable;

/**
 * Durations of one call in milliseconds, all measured from the INVITE.
 *
 * @param ringingMillis until the first 180/183, null if the phone never rang
 * @param answerMillis until the 200 OK, null if not answered
 * @param totalMillis until the call ended (BYE, final response, CANCEL or error)
 */
public record CallTimings(@Nullable Long ringingMillis, @Nullable Long answerMillis, long totalMillis) {

	public CallTimings {
		if (totalMillis < 0) {
			throw new IllegalArgumentException("totalMillis must not be negative");
		}
	}

}
