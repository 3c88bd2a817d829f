package com.phoneverify.ars.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.messaging.trace.TraceLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Calls parked requests ({@link ParkingLot}) when their merchant has room: on every tick
 * and whenever a held request ends, each merchant with parked requests gets at most
 * {@code parkAfter} minus what this instance holds for it, oldest first, handed to the
 * {@link CallRequestHandler} as if just read (no Kafka record is involved any more).
 * Parked requests whose verification expired are taken regardless of room: they end as
 * {@code canceled} without a channel.
 * <p>
 * Taking a request is a lease of this instance, renewed on every tick; a request taken by
 * an instance that died is taken again once the lease ran out. A request taken twice is
 * still called at most once (the call log's {@code received → dialing} claim is atomic,
 * and a twin held here is deduplicated in memory). A request taken but left undialled
 * because the service stops is given back at once.
 */
public final class ParkedRequests {

	private static final Logger log = LoggerFactory.getLogger(ParkedRequests.class);

	/** Expired parked requests taken in one pass. */
	static final int EXPIRED_PER_PASS = 100;

	private final ParkingLot parkingLot;

	private final AuthRequestOpener opener;

	private final CallRequestHandler handler;

	private final Clock clock;

	private final int parkAfter;

	private final Duration tick;

	private final Duration lease;

	private final Scheduler scheduler;

	/** Passes asked for while one runs: one more pass then covers them all. */
	private final AtomicInteger wanted = new AtomicInteger();

	private volatile boolean running;

	private volatile Disposable ticking = Flux.never().subscribe();

	/**
	 * @param tick how often leases are renewed and parked requests looked for (besides
	 * whenever a held request ends); a lease runs out after three ticks
	 */
	public ParkedRequests(ParkingLot parkingLot, AuthRequestOpener opener, CallRequestHandler handler, Clock clock,
			int parkAfter, Duration tick, Scheduler scheduler) {
		this.parkingLot = parkingLot;
		this.opener = opener;
		this.handler = handler;
		this.clock = clock;
		this.parkAfter = parkAfter;
		this.tick = tick;
		this.lease = tick.multipliedBy(3);
		this.scheduler = scheduler;
	}

	/** Starts dispatching: now, on every tick, and whenever a held request ends. */
	public void start() {
		this.running = true;
		this.handler.whenReleased(this::wake);
		this.ticking = Flux.interval(Duration.ZERO, this.tick, this.scheduler)
			.onBackpressureDrop()
			.concatMap((tick) -> this.parkingLot.renew().onErrorResume((ex) -> {
				log.warn("renewing the leases of parked requests failed: {}", ex.toString());
				return Mono.empty();
			}).doFinally((signal) -> wake()))
			.subscribe();
	}

	/**
	 * Stops dispatching (before intake stops): requests still parked stay in the table
	 * for the next start or another instance.
	 */
	public void stop() {
		this.running = false;
		this.ticking.dispose();
	}

	/** Asks for a pass; passes never overlap. */
	void wake() {
		if (this.running && this.wanted.getAndIncrement() == 0) {
			pass();
		}
	}

	private void pass() {
		int asked = this.wanted.get();
		Mono.defer(this::dispatchOnce).onErrorResume((ex) -> {
			log.warn("dispatching parked requests failed: {}", ex.toString());
			return Mono.empty();
		}).doFinally((signal) -> {
			if (this.wanted.addAndGet(-asked) != 0) {
				if (this.running) {
					pass();
				}
				else {
					this.wanted.set(0);
				}
			}
		}).subscribe();
	}

	private Mono<Void> dispatchOnce() {
		if (!this.running) {
			return Mono.empty();
		}
		Instant now = this.clock.instant();
		Instant leaseRanOutBefore = now.minus(this.lease);
		Mono<Void> expired = this.parkingLot.dispatchExpired(EXPIRED_PER_PASS, now, leaseRanOutBefore)
			.collectList()
			.doOnNext(this::handOver)
			.then();
		Mono<Void> withRoom = this.parkingLot.waiting(leaseRanOutBefore)
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap((merchant) -> {
				int room = this.parkAfter - this.handler.held(merchant);
				if (room <= 0 || !this.running) {
					return Mono.empty();
				}
				return this.parkingLot.dispatch(merchant, room, leaseRanOutBefore)
					.collectList()
					.doOnNext(this::handOver)
					.then();
			})
			.then();
		return expired.then(withRoom);
	}

	private void handOver(List<byte[]> records) {
		records.forEach(this::handOver);
	}

	/** Hands one taken record to the handler, as if it had just been read. */
	private void handOver(byte[] record) {
		CallRequest request;
		try {
			request = this.opener.open(record);
		}
		catch (AuthRequestOpener.RejectedRecordException ex) {
			// it opened when it was parked: the key ring changed since
			AuthRequestOpener.Unanswerable unanswerable = ex.unanswerable();
			log.error("a parked request does not open any more: {}", ex.getMessage());
			if (unanswerable != null) {
				this.handler.unanswerable(unanswerable).subscribe();
			}
			return;
		}
		this.handler.handle(request).onErrorResume((ex) -> {
			log.error("the parked request of verification {} failed", request.verificationId(), ex);
			return Mono.just(false);
		}).flatMap((done) -> {
			if (done) {
				return Mono.empty();
			}
			// left undialled (the service stops): any instance may take it again now
			return this.parkingLot.release(request.verificationId()).onErrorResume((ex) -> Mono.empty());
		}).contextWrite(TraceLogging.context(request.traceparent())).subscribe();
	}

}
