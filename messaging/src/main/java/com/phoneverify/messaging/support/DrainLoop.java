package com.phoneverify.messaging.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a drain (publish the outbox, deliver due webhooks) one at a time, when woken and
 * on a poll interval. A wake-up is never lost: one that arrives while a drain runs causes
 * one more drain after it, however many arrived (they coalesce), and a drain never runs
 * concurrently with itself. {@link #wake()} is cheap, never blocks and may be called from
 * any thread at any time (a missed-counter, as in Reactor's own drain loops, instead of a
 * sink whose concurrent emissions fail with {@code FAIL_NON_SERIALIZED} and are dropped).
 */
public final class DrainLoop {

	private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);

	private final String name;

	private final Supplier<Mono<?>> drain;

	private final AtomicInteger wip = new AtomicInteger();

	private volatile boolean running;

	private volatile @Nullable Disposable ticks;

	private volatile @Nullable Disposable current;

	/**
	 * @param name for the log
	 * @param drain one drain; its errors are logged and the next wake-up tries again
	 */
	public DrainLoop(String name, Supplier<Mono<?>> drain) {
		this.name = name;
		this.drain = drain;
	}

	/** Asks for a drain: now if none runs, else once more after the running one. */
	public void wake() {
		if (this.wip.getAndIncrement() == 0) {
			run();
		}
	}

	/** Owns the loop (wip was 0 → non-zero) until it hands over or stops. */
	private void run() {
		if (!this.running) {
			this.wip.set(0);
			return;
		}
		int missed = this.wip.get();
		this.current = Mono.defer(this.drain).onErrorResume((ex) -> {
			log.warn("{} failed, will retry: {}", this.name, ex.toString());
			return Mono.empty();
		}).doFinally((signal) -> {
			if (this.wip.addAndGet(-missed) != 0) {
				run();
			}
		}).subscribe();
	}

	/** Starts draining when woken, and every {@code pollInterval}. */
	public void start(Duration pollInterval) {
		this.running = true;
		this.ticks = Flux.interval(pollInterval).subscribe((tick) -> wake());
	}

	public void stop() {
		this.running = false;
		Disposable ticks = this.ticks;
		if (ticks != null) {
			ticks.dispose();
		}
		Disposable current = this.current;
		if (current != null) {
			current.dispose();
		}
	}

	public boolean isRunning() {
		return this.running;
	}

}
