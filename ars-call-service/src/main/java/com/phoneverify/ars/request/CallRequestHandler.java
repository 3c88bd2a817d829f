package com.phoneverify.ars.request;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.phoneverify.ars.call.CallReport;
import com.phoneverify.ars.call.CallRunner;
import com.phoneverify.ars.call.CallStops;
import com.phoneverify.ars.call.DestinationPolicy;
import com.phoneverify.ars.call.PlaceCall;
import com.phoneverify.ars.quota.ChannelQuota;
import com.phoneverify.ars.scenario.ScenarioCatalog;
import com.phoneverify.ars.scenario.ScenarioEngine;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.topics.EventTopics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * One request from admission to its {@code call-completed}: record it ({@link CallLog}),
 * wait for a channel, skip dialling when already expired or ended, call, record the end,
 * publish. Never fails: whatever breaks, a request that was recorded ends in exactly one
 * {@code call-completed} with a clear outcome ({@code transport_error} when nothing
 * better is known).
 * <p>
 * Duplicates and redeliveries are decided by the {@link CallLog}, which survives
 * restarts: a published call is skipped, an ended one re-published (same event id), a
 * call being dialled (here, on another instance, or orphaned by a crash) is never dialled
 * again; an orphan is ended by {@link #sweep} as {@code transport_error} ("the service
 * restarted during the call").
 * <p>
 * A request for a number the {@link DestinationPolicy} refuses ({@code ars.destinations})
 * is never dialled and ends {@code bad_number} at once.
 * <p>
 * A request whose verification ends ({@link CallStops}) while it waits for a channel
 * leaves the queue at once and ends {@code canceled} without dialling; once admitted, the
 * {@link CallRunner} stops the call.
 */
public final class CallRequestHandler {

	private static final Logger log = LoggerFactory.getLogger(CallRequestHandler.class);

	/** The database and the broker are retried until they answer. */
	static final Retry UNTIL_IT_WORKS = Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
		.maxBackoff(Duration.ofSeconds(10))
		.doBeforeRetry((signal) -> log.warn("retrying after: {}", signal.failure().toString()));

	private final ChannelQuota quota;

	private final CallStops stops;

	private final CallRunner runner;

	private final ScenarioEngine engine;

	private final ScenarioCatalog scenarios;

	private final Completions completions;

	private final CallLog calls;

	private final Clock clock;

	private final Consumer<CallReport> onReport;

	private final DestinationPolicy destinations;

	/** Verifications handled by this instance right now (waiting or calling). */
	private final Set<VerificationId> inFlight = ConcurrentHashMap.newKeySet();

	/**
	 * Requests held in memory per merchant: from {@link #handle} until it ends (recorded,
	 * waiting for a channel, calling, publishing). Beyond a bound the listener parks the
	 * merchant's next requests instead ({@link ParkingLot}).
	 */
	private final Map<MerchantId, Integer> held = new ConcurrentHashMap<>();

	/** Told when a held request ends: a merchant may have room for parked requests. */
	private volatile Runnable whenReleased = () -> {
	};

	private final Sinks.Empty<Void> stopping = Sinks.empty();

	private volatile boolean admitting = true;

	public CallRequestHandler(ChannelQuota quota, CallStops stops, CallRunner runner, ScenarioEngine engine,
			ScenarioCatalog scenarios, Completions completions, CallLog calls, Clock clock,
			Consumer<CallReport> onReport, DestinationPolicy destinations) {
		this.quota = quota;
		this.stops = stops;
		this.runner = runner;
		this.engine = engine;
		this.scenarios = scenarios;
		this.completions = completions;
		this.calls = calls;
		this.clock = clock;
		this.onReport = onReport;
		this.destinations = destinations;
	}

	/**
	 * @return true when the request is done with, so its record may be acknowledged: its
	 * {@code call-completed} is published, or it is a duplicate; false when it was left
	 * for redelivery (the service is stopping and it was never dialled)
	 */
	public Mono<Boolean> handle(CallRequest request) {
		MerchantId merchant = request.merchantId();
		return Mono.defer(() -> {
			this.held.merge(merchant, 1, Integer::sum);
			return handleHeld(request);
		}).doFinally((signal) -> {
			this.held.computeIfPresent(merchant, (key, count) -> (count > 1) ? count - 1 : null);
			this.whenReleased.run();
		});
	}

	/** Requests of this merchant held in memory now (see {@link #handle}). */
	public int held(MerchantId merchantId) {
		return this.held.getOrDefault(merchantId, 0);
	}

	/** Runs {@code listener} whenever a held request ends. */
	public void whenReleased(Runnable listener) {
		this.whenReleased = listener;
	}

	private Mono<Boolean> handleHeld(CallRequest request) {
		VerificationId id = request.verificationId();
		if (!this.destinations.allows(request.merchantId(), request.phone())) {
			// never dialled: a premium-rate, international or otherwise refused
			// destination
			log.warn("verification {}: destination {} is not allowed for merchant {} (ars.destinations): "
					+ "not dialled, bad_number", id, request.phone().masked(), request.merchantId());
			return unanswerable(new AuthRequestOpener.Unanswerable(request.eventId(), id, request.merchantId(),
					request.traceparent(), CallOutcome.BAD_NUMBER))
				.thenReturn(true);
		}
		return this.calls
			.receive(request.eventId(), id, request.merchantId(), request.traceparent(), request.expiresAt())
			.retryWhen(UNTIL_IT_WORKS)
			.flatMap((known) -> switch (known.state()) {
				case NEW, RECEIVED -> run(request);
				case DIALING -> {
					log.info("verification {} is being called already (or its instance stopped mid-call): "
							+ "not dialled again", id);
					yield Mono.just(true);
				}
				case ENDED -> republish(known.event());
				case PUBLISHED -> {
					log.info("verification {} was called and published already: duplicate ignored", id);
					yield Mono.just(true);
				}
			});
	}

	/**
	 * A decoded request that cannot become a call ends at once with its outcome.
	 * @return completes when its {@code call-completed} was published (or when it is a
	 * duplicate)
	 */
	public Mono<Void> unanswerable(AuthRequestOpener.Unanswerable request) {
		VerificationId id = request.verificationId();
		return this.calls
			.receive(request.eventId(), id, request.merchantId(), request.traceparent(), this.clock.instant())
			.retryWhen(UNTIL_IT_WORKS)
			.flatMap((known) -> switch (known.state()) {
				case NEW, RECEIVED ->
					finish(id, request.merchantId(), request.traceparent(), CallReport.notDialled(request.outcome()));
				case ENDED -> republish(known.event());
				case DIALING, PUBLISHED -> Mono.just(true);
			})
			.then();
	}

	private Mono<Boolean> run(CallRequest request) {
		VerificationId id = request.verificationId();
		if (!this.inFlight.add(id)) {
			// its twin is being handled here and will publish
			return Mono.just(true);
		}
		return Mono.defer(() -> {
			if (!this.clock.instant().isBefore(request.expiresAt())) {
				// a request that waited (parked, or in Kafka) past its expiry needs no
				// channel to end
				log.info("verification {} expired before its call could start", id);
				return Mono.just(new Attempt(CallReport.canceledBeforeDialling()));
			}
			CallStops.Stop stop = this.stops.watch(id);
			Mono<Void> withdrawn = Mono.firstWithSignal(stop.requested(), this.stopping.asMono());
			return this.quota.withChannel(request.merchantId(), withdrawn, () -> claimAndCall(request, stop))
				.switchIfEmpty(Mono.fromSupplier(() -> {
					if (!this.admitting) {
						return Attempt.LEFT_FOR_REDELIVERY;
					}
					log.info("verification {} ended while its call waited for a channel", id);
					return new Attempt(CallReport.canceledBeforeDialling());
				}))
				.doFinally((signal) -> stop.close());
		}).onErrorResume((ex) -> {
			// never in silence: whatever broke, the verification gets its final status
			log.error("the call of verification {} failed: {}", id, ex.toString());
			return Mono.just(new Attempt(CallReport.transportError()));
		}).flatMap((attempt) -> {
			if (attempt == Attempt.LEFT_FOR_REDELIVERY) {
				return Mono.just(false);
			}
			if (attempt == Attempt.NOT_OURS) {
				return Mono.just(true);
			}
			return finish(id, request.merchantId(), request.traceparent(), attempt.report());
		}).doFinally((signal) -> this.inFlight.remove(id));
	}

	private Mono<Attempt> claimAndCall(CallRequest request, CallStops.Stop stop) {
		VerificationId id = request.verificationId();
		if (!this.admitting) {
			return Mono.just(Attempt.LEFT_FOR_REDELIVERY);
		}
		if (!this.clock.instant().isBefore(request.expiresAt()) || stop.isRequested()) {
			log.info("verification {} expired or ended before its call could start", id);
			return Mono.just(new Attempt(CallReport.canceledBeforeDialling()));
		}
		return this.calls.claim(id).retryWhen(UNTIL_IT_WORKS).flatMap((claimed) -> {
			if (!claimed) {
				log.info("verification {} is called by another instance", id);
				return Mono.just(Attempt.NOT_OURS);
			}
			log.info("calling {} for verification {} (scenario {})", request.phone(), id, request.scenario());
			return this.runner
				.run(new PlaceCall(id, request.phone()), request.expiresAt(), stop,
						this.engine.script(this.scenarios.get(request.scenario()), request.inputs()))
				.map(Attempt::new);
		});
	}

	/** Records the end (only the first end of a call counts), then publishes it. */
	private Mono<Boolean> finish(VerificationId id, MerchantId merchantId, @Nullable String traceparent,
			CallReport report) {
		log.info("verification {}: {} {} (SIP {}, {} ms)", id, report.outcome(),
				(report.scenarioResult() != null) ? report.scenarioResult() : "", report.sipStatus(),
				report.timings().totalMillis());
		EventEnvelope<CallCompleted> event = EventTopics.CALL_COMPLETED.envelope(new CallCompleted(id, merchantId,
				report.outcome(), report.scenarioResult(), report.sipStatus(), report.timings()), this.clock.instant(),
				traceparent);
		return this.calls.ended(event).retryWhen(UNTIL_IT_WORKS).flatMap((first) -> {
			if (!first) {
				log.warn("verification {} had ended already: this end is not published", id);
				return Mono.just(true);
			}
			this.onReport.accept(report);
			return publish(event);
		});
	}

	private Mono<Boolean> republish(@Nullable EventEnvelope<CallCompleted> event) {
		if (event == null) {
			return Mono.just(true);
		}
		log.info("verification {} ended before without being published: publishing it now",
				event.payload().verificationId());
		return publish(event);
	}

	private Mono<Boolean> publish(EventEnvelope<CallCompleted> event) {
		return Mono.defer(() -> this.completions.publish(event))
			.retryWhen(UNTIL_IT_WORKS)
			.then(Mono.defer(() -> this.calls.published(event.payload().verificationId())).retryWhen(UNTIL_IT_WORKS))
			.thenReturn(true);
	}

	/**
	 * Marks this instance alive, ends the calls of instances that stopped mid-call (no
	 * heartbeat since {@code staleBefore}, verification expired before
	 * {@code expiredBefore}: see {@link CallLog#orphans}) as {@code transport_error}, and
	 * publishes ended calls whose event never reached the broker.
	 */
	public Mono<Void> sweep(java.time.Instant staleBefore, java.time.Instant expiredBefore) {
		Mono<Void> orphans = this.calls.orphans(staleBefore, expiredBefore).concatMap((orphan) -> {
			EventEnvelope<CallCompleted> event = EventTopics.CALL_COMPLETED
				.envelope(
						new CallCompleted(orphan.verificationId(), orphan.merchantId(), CallOutcome.TRANSPORT_ERROR,
								null, null, CallReport.transportError().timings()),
						this.clock.instant(), orphan.traceparent());
			return this.calls.endOrphan(event, staleBefore, expiredBefore).flatMap((ended) -> {
				if (!ended) {
					return Mono.empty();
				}
				log.warn("verification {}: the service restarted during its call; transport_error",
						orphan.verificationId());
				this.onReport.accept(CallReport.transportError());
				return publish(event);
			});
		}).then();
		Mono<Void> unpublished = this.calls.unpublished(staleBefore)
			.filter((event) -> !this.inFlight.contains(event.payload().verificationId()))
			.concatMap(this::republish)
			.then();
		return this.calls.heartbeat().then(orphans).then(unpublished);
	}

	/**
	 * Stops admitting: requests still waiting for a channel leave (their records are left
	 * unacknowledged, so they are redelivered after the restart), calls under way go on.
	 */
	public void stopAdmitting() {
		this.admitting = false;
		this.stopping.tryEmitEmpty();
	}

	/** Requests held now: waiting for a channel, calling or publishing. */
	public int inFlight() {
		return this.inFlight.size();
	}

	/** The result of one admission: a report, or a reason not to publish one. */
	private static final class Attempt {

		/** The service is stopping and the request was never dialled. */
		static final Attempt LEFT_FOR_REDELIVERY = new Attempt(null);

		/** Another instance claimed the call. */
		static final Attempt NOT_OURS = new Attempt(null);

		private final @Nullable CallReport report;

		Attempt(@Nullable CallReport report) {
			this.report = report;
		}

		CallReport report() {
			return java.util.Objects.requireNonNull(this.report);
		}

	}

}
