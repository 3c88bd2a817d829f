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
 * Runs a piece of work every {@code interval} while the application runs. A failed run is
 * logged and tried again at the next tick; ticks that come while a run still goes on are
 * dropped rather than queued.
 */
public abstract class PeriodicTask implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

	private final Duration firstRunAfter;

	private final Duration interval;

	private final String what;

	private volatile @Nullable Disposable loop;

	/**
	 * @param firstRunAfter when the first run starts after {@link #start()}
	 * @param what what the task does, for the log line of a failure
	 */
	protected PeriodicTask(Duration firstRunAfter, Duration interval, String what) {
		this.firstRunAfter = firstRunAfter;
		this.interval = interval;
		this.what = what;
	}

	/** One run; completes when it is done. */
	protected abstract Mono<?> runOnce();

	@Override
	public void start() {
		this.loop = Flux.interval(this.firstRunAfter, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> runOnce().onErrorResume((ex) -> {
				log.warn("{} failed, will retry: {}", this.what, ex.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable loop = this.loop;
		if (loop != null) {
			loop.dispose();
		}
		this.loop = null;
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

}
