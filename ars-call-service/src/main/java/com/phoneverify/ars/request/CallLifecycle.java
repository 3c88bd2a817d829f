package com.phoneverify.ars.request;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import com.phoneverify.ars.call.CallRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;

/**
 * Start-up and shutdown of the call intake.
 * <p>
 * While running: every {@code heartbeatInterval} (and at once on start) this instance
 * marks its calls alive and {@link CallRequestHandler#sweep sweeps}: calls left
 * {@code dialing} by an instance silent for three intervals (it crashed or was killed
 * mid-call) end as {@code transport_error} once no live call could still run (their
 * verification expired longer than {@code longestCallOverrun} ago: a paused instance's
 * live call is never ended under it), and ended calls never published are published.
 * <p>
 * Parked requests ({@link ParkedRequests}) are dispatched while running.
 * <p>
 * On shutdown, before the Kafka containers stop: dispatching of parked requests stops
 * (they stay in the call log), intake pauses, requests still waiting for a channel are
 * left for redelivery (never dialled, never acknowledged), running calls may finish for
 * {@code shutdownGrace}; the rest are then hung up and their outcomes published. The stop
 * waits at most {@code hangUpWait} for those hang-ups, so it never takes longer than
 * {@code shutdownGrace + hangUpWait}: a call whose trunk does not confirm in time stays
 * {@code dialing} in the call log and is ended by the orphan sweep of another instance,
 * or of this one when it starts again.
 */
public final class CallLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CallLifecycle.class);

	private final AuthRequestListener listener;

	private final CallRequestHandler handler;

	private final ParkedRequests parked;

	private final CallRunner runner;

	private final Clock clock;

	private final Duration heartbeatInterval;

	private final Duration shutdownGrace;

	private final Duration hangUpWait;

	private final Duration longestCallOverrun;

	private final Scheduler scheduler;

	private volatile Disposable sweeping = Flux.never().subscribe();

	private volatile boolean running;

	public CallLifecycle(AuthRequestListener listener, CallRequestHandler handler, ParkedRequests parked,
			CallRunner runner, Clock clock, Duration heartbeatInterval, Duration shutdownGrace, Duration hangUpWait,
			Duration longestCallOverrun, Scheduler scheduler) {
		this.listener = listener;
		this.handler = handler;
		this.parked = parked;
		this.runner = runner;
		this.clock = clock;
		this.heartbeatInterval = heartbeatInterval;
		this.shutdownGrace = shutdownGrace;
		this.hangUpWait = hangUpWait;
		this.longestCallOverrun = longestCallOverrun;
		this.scheduler = scheduler;
	}

	@Override
	public void start() {
		this.sweeping = Flux.interval(Duration.ZERO, this.heartbeatInterval, this.scheduler)
			.onBackpressureDrop()
			.concatMap((tick) -> this.handler
				.sweep(this.clock.instant().minus(this.heartbeatInterval.multipliedBy(3)),
						this.clock.instant().minus(this.longestCallOverrun))
				.onErrorResume((ex) -> {
					log.warn("heartbeat and sweep failed: {}", ex.toString());
					return Mono.empty();
				}))
			.subscribe();
		this.parked.start();
		this.running = true;
	}

	@Override
	public void stop() {
		// parked requests stay in the table: none is taken from it any more
		this.parked.stop();
		this.listener.stopIntake();
		this.handler.stopAdmitting();
		int left = endCalls(this.handler::inFlight, this.runner::hangUpAll, this.shutdownGrace, this.hangUpWait);
		if (left > 0) {
			log.warn("{} calls not confirmed ended within {} of the hang-up: the orphan sweep will end them", left,
					this.hangUpWait);
		}
		this.sweeping.dispose();
		this.running = false;
	}

	/**
	 * Lets running calls finish for {@code grace}, then hangs up the rest and waits at
	 * most {@code hangUpWait} for them.
	 * @return how many calls were still running at the end
	 */
	static int endCalls(IntSupplier inFlight, Runnable hangUpAll, Duration grace, Duration hangUpWait) {
		if (!await(() -> inFlight.getAsInt() == 0, grace)) {
			log.info("{} calls still running after {}: hanging them up", inFlight.getAsInt(), grace);
			hangUpAll.run();
			await(() -> inFlight.getAsInt() == 0, hangUpWait);
		}
		return inFlight.getAsInt();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the Kafka listener containers (which stop in phase {@code MAX - 100}). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 50;
	}

	private static boolean await(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

}
