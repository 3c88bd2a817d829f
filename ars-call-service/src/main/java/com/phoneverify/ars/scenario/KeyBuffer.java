package com.phoneverify.ars.scenario;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps every key the phone presses from the start of the scenario, including those
 * pressed while a prompt plays, until a gather takes them (type-ahead).
 */
final class KeyBuffer implements AutoCloseable {

	private final ConcurrentLinkedQueue<Character> keys = new ConcurrentLinkedQueue<>();

	/** Ticks on each arrival and completes when the phone's keys end (hang-up). */
	private final Sinks.Many<Boolean> arrivals = Sinks.many().replay().latest();

	private final Disposable subscription;

	private final Scheduler timer;

	private volatile boolean ended;

	KeyBuffer(Flux<Character> source, Scheduler timer) {
		this.timer = timer;
		this.subscription = source.subscribe((key) -> {
			this.keys.add(key);
			synchronized (this) {
				this.arrivals.tryEmitNext(Boolean.TRUE);
			}
		}, (error) -> end(), this::end);
	}

	private void end() {
		this.ended = true;
		synchronized (this) {
			this.arrivals.tryEmitComplete();
		}
	}

	/** Whether a key is waiting to be taken. */
	boolean hasKeys() {
		return !this.keys.isEmpty();
	}

	/** Completes when a key is waiting (at once if one is already), never takes it. */
	Mono<Boolean> keyWaiting() {
		return this.arrivals.asFlux().filter((tick) -> hasKeys()).next();
	}

	/**
	 * The next key: at once if one is buffered, else the next one pressed within
	 * {@code timeout}. Empty on timeout; an error {@link HungUpException} when the keys
	 * ended (the phone hung up) and none is left.
	 */
	Mono<Optional<Character>> next(Duration timeout) {
		// subscribe to arrivals before looking into the queue, so no key slips between
		Mono<Optional<Character>> waited = Flux.merge(this.arrivals.asFlux(), Mono.just(Boolean.TRUE))
			.concatMap((tick) -> Mono.justOrEmpty(this.keys.poll()))
			.next()
			.map(Optional::of)
			.switchIfEmpty(Mono.defer(() -> {
				Character last = this.keys.poll();
				return (last != null) ? Mono.just(Optional.of(last)) : Mono.error(new HungUpException());
			}));
		return waited.timeout(timeout, Mono.just(Optional.empty()), this.timer);
	}

	boolean ended() {
		return this.ended && this.keys.isEmpty();
	}

	@Override
	public void close() {
		this.subscription.dispose();
	}

	/** The phone hung up while we waited for keys. */
	static final class HungUpException extends RuntimeException {

		HungUpException() {
			super("the phone hung up", null, false, false);
		}

	}

}
