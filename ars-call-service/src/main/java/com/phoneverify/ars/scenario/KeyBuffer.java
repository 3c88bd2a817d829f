package com.phoneverify.ars.scenario;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps every key the phone presses from the start of the scenario, including those
 * pressed while a prompt plays, until a gather takes them (type-ahead). At most
 * {@link #CAPACITY} keys wait: more than any input of a scenario, and a phone (or an
 * injected RTP stream) that sends keys without end cannot grow it; keys beyond are
 * dropped.
 */
final class KeyBuffer implements AutoCloseable {

	static final int CAPACITY = 64;

	private final ConcurrentLinkedQueue<Character> keys = new ConcurrentLinkedQueue<>();

	private final AtomicInteger waiting = new AtomicInteger();

	/** Ticks on each arrival and completes when the phone's keys end (hang-up). */
	private final Sinks.Many<Boolean> arrivals = Sinks.many().replay().latest();

	private final Disposable subscription;

	private final Scheduler timer;

	private volatile boolean ended;

	/** Keys of which the next arrival is dropped (a finish key after a full input). */
	private @Nullable String dropNext;

	private long dropDeadline;

	KeyBuffer(Flux<Character> source, Scheduler timer) {
		this.timer = timer;
		this.subscription = source.subscribe((key) -> {
			synchronized (this) {
				String drop = this.dropNext;
				this.dropNext = null;
				if (drop != null && System.nanoTime() < this.dropDeadline && drop.indexOf(key) >= 0) {
					return;
				}
				if (this.waiting.incrementAndGet() > CAPACITY) {
					this.waiting.decrementAndGet();
					return;
				}
				this.keys.add(key);
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

	/** Drops every key waiting to be taken. */
	void clear() {
		while (poll() != null) {
			// dropped
		}
	}

	private @Nullable Character poll() {
		Character key = this.keys.poll();
		if (key != null) {
			this.waiting.decrementAndGet();
		}
		return key;
	}

	/** How many keys wait to be taken. */
	int size() {
		return this.waiting.get();
	}

	/**
	 * Drops the next key if it is one of {@code keys}: the one waiting already, or else
	 * the next one pressed within {@code within}.
	 */
	synchronized void dropNextIf(String keys, Duration within) {
		Character next = this.keys.peek();
		if (next != null) {
			if (keys.indexOf(next) >= 0 && this.keys.remove(next)) {
				this.waiting.decrementAndGet();
			}
			return;
		}
		this.dropNext = keys;
		this.dropDeadline = System.nanoTime() + within.toNanos();
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
			.concatMap((tick) -> Mono.justOrEmpty(poll()))
			.next()
			.map(Optional::of)
			.switchIfEmpty(Mono.defer(() -> {
				Character last = poll();
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
