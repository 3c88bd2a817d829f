package com.phoneverify.gateway.ars;

import java.time.Duration;

/**
 * A new verification was refused: its phone number had as many verifications as the
 * per-destination limits allow for now (across merchants). Nothing was stored. The web
 * layer answers 429 {@code destination-rate-limited} with {@code Retry-After}.
 */
public final class DestinationLimitReached extends RuntimeException {

	private final Duration retryAfter;

	DestinationLimitReached(Duration retryAfter) {
		super("the phone number had as many verifications as it may have for now", null, false, false);
		this.retryAfter = retryAfter;
	}

	/** How long until the number may get a verification again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
