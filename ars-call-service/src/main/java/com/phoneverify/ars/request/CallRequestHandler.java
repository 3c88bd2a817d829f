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
import com.phoneverify.contracts.ars.CallCompleted;
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
		}).flatMap((report) -> publish(request, report)).doOnError((ex) -> this.seen.forget(request.eventId()));
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

	private Mono<Void> publish(CallRequest request, CallReport report) {
		log.info("verification {}: {} {} (SIP {}, {} ms)", request.verificationId(), report.outcome(),
				(report.scenarioResult() != null) ? report.scenarioResult() : "", report.sipStatus(),
				report.timings().totalMillis());
		this.onReport.accept(report);
		CallCompleted event = CallCompleted.of(request.verificationId(), request.merchantId(), report.outcome(),
				report.scenarioResult(), report.sipStatus(), report.timings(), this.clock.instant(),
				request.traceparent());
		return this.completions.publish(event).retryWhen(AuthRequestListener.RETRY_SENDING);
	}

}
