package com.phoneverify.messaging.support;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Deletes what has outlived its use, every {@code interval}, while the application runs
 * (a {@link PeriodicTask}: a failed purge is tried again at the next tick).
 */
public abstract class PeriodicPurge extends PeriodicTask {

	/**
	 * @param what what is purged, for the log line of a failure
	 */
	protected PeriodicPurge(Duration interval, String what) {
		super(interval, interval, "Purging " + what);
	}

	/** Deletes what has expired; emits how many rows went. */
	protected abstract Mono<Long> purgeExpired();

	@Override
	protected Mono<Long> runOnce() {
		return purgeExpired();
	}

}
