package com.phoneverify.messaging.support;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Deletes what has outlived its use, every {@code interval}, while the application runs.
 * A failed purge is logged and tried again at the next tick; ticks that come while a
 * purge still runs are dropped rather than queued.
 */
public abstract class PeriodicPurge implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PeriodicPurge.class);

	private final Duration interval;

	private final String what;

	private volatile @Nullable Disposable purger;

	/**
	 * @param what what is purged, for the log line of a failure
	 */
	protected PeriodicPurge(Duration interval, String what) {
		this.interval = interval;
		this.what = what;
	}

	/** Deletes what has expired; emits how many rows went. */
	protected abstract Mono<Long> purgeExpired();

	@Override
	public void start() {
		this.purger = Flux.interval(this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> purgeExpired().onErrorResume((ex) -> {
				log.warn("Purging {} failed: {}", this.what, ex.toString());
				return Mono.empty();
			}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable purger = this.purger;
		if (purger != null) {
			purger.dispose();
		}
		this.purger = null;
	}

	@Override
	public boolean isRunning() {
		return this.purger != null;
	}

}
