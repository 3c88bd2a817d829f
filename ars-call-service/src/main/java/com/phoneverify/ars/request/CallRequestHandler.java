package com.phoneverify.ars.request;

import java.time.Clock;
import java.util.function.Consumer;

import com.phoneverify.ars.call.CallReport;
import com.phoneverify.ars.call.CallRunner;
import com.phoneverify.ars.call.CallStops;
import com.phoneverify.ars.call.PlaceCall;
import com.phoneverify.ars.quota.ChannelQuota;
import com.phoneverify.ars.scenario.ScenarioCatalog;
import com.phoneverify.ars.scenario.ScenarioEngine;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallCompleted;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One request from admission to its {@code call-completed}: dedupe, wait for a channel,
 * skip dialling when already expired or ended, call, publish. Never fails: a request that
 * cannot be called still ends in a {@code call-completed} with a clear outcome.
 * <p>
 * A request whose verification ends ({@link CallStops}) while it waits for a channel
 * leaves the queue at once and ends {@code canceled} without dialling; once admitted, the
 * {@link CallRunner} stops the call.
 */
public final class CallRequestHandler {

	private static final Logger log = LoggerFactory.getLogger(CallRequestHandler.class);

	private final ChannelQuota quota;

	private final CallStops stops;

	private final CallRunner runner;

	private final ScenarioEngine engine;

	private final ScenarioCatalog scenarios;

	private final Completions completions;

	private final Clock clock;

	private final Consumer<CallReport> onReport;

	private final RecentEventIds seen = new RecentEventIds(100_000);

	public CallRequestHandler(ChannelQuota quota, CallStops stops, CallRunner runner, ScenarioEngine engine,
			ScenarioCatalog scenarios, Completions completions, Clock clock, Consumer<CallReport> onReport) {
		this.quota = quota;
		this.stops = stops;
		this.runner = runner;
		this.engine = engine;
		this.scenarios = scenarios;
		this.completions = completions;
		this.clock = clock;
		this.onReport = onReport;
	}

	/**
	 * @return completes when the request's {@code call-completed} was published (at once
	 * for a duplicate); errors only when publishing failed
	 */
	public Mono<Void> handle(CallRequest request) {
		if (!this.seen.firstTime(request.eventId())) {
			log.info("duplicate auth-requested {} for verification {} ignored", request.eventId(),
					request.verificationId());
			return Mono.empty();
		}
		return Mono.defer(() -> {
			CallStops.Stop stop = this.stops.watch(request.verificationId());
			return this.quota.withChannel(request.merchantId(), stop.requested(), () -> call(request, stop))
				.switchIfEmpty(Mono.fromSupplier(() -> {
					log.info("verification {} ended while its call waited for a channel", request.verificationId());
					return CallReport.canceledBeforeDialling();
				}))
				.doFinally((signal) -> stop.close());
		}).onErrorResume((ex) -> {
			// never in silence: whatever broke, the verification gets its final status
			log.error("the call of verification {} failed: {}", request.verificationId(), ex.toString());
			return Mono.just(CallReport.transportError());
		})
			.flatMap((report) -> publish(request.verificationId(), request.merchantId(), request.traceparent(), report))
			.doOnError((ex) -> this.seen.forget(request.eventId()));
	}

	/**
	 * A decoded request that cannot become a call ends at once with its outcome.
	 * @return completes when its {@code call-completed} was published
	 */
	public Mono<Void> unanswerable(AuthRequestOpener.Unanswerable request) {
		if (!this.seen.firstTime(request.eventId())) {
			return Mono.empty();
		}
		return publish(request.verificationId(), request.merchantId(), request.traceparent(),
				CallReport.notDialled(request.outcome()))
			.doOnError((ex) -> this.seen.forget(request.eventId()));
	}

	private Mono<CallReport> call(CallRequest request, CallStops.Stop stop) {
		if (!this.clock.instant().isBefore(request.expiresAt()) || stop.isRequested()) {
			log.info("verification {} expired or ended before its call could start", request.verificationId());
			return Mono.just(CallReport.canceledBeforeDialling());
		}
		log.info("calling {} for verification {} (scenario {})", request.phone(), request.verificationId(),
				request.scenario());
		return this.runner.run(new PlaceCall(request.verificationId(), request.phone()), request.expiresAt(), stop,
				this.engine.script(this.scenarios.get(request.scenario()), request.inputs()));
	}

	private Mono<Void> publish(VerificationId verificationId, MerchantId merchantId, @Nullable String traceparent,
			CallReport report) {
		log.info("verification {}: {} {} (SIP {}, {} ms)", verificationId, report.outcome(),
				(report.scenarioResult() != null) ? report.scenarioResult() : "", report.sipStatus(),
				report.timings().totalMillis());
		this.onReport.accept(report);
		CallCompleted event = CallCompleted.of(verificationId, merchantId, report.outcome(), report.scenarioResult(),
				report.sipStatus(), report.timings(), this.clock.instant(), traceparent);
		return Mono.defer(() -> this.completions.publish(event)).retryWhen(AuthRequestListener.RETRY_SENDING);
	}

}
