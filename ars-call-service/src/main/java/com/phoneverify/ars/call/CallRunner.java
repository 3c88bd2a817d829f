package com.phoneverify.ars.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.CallTimings;
import com.phoneverify.contracts.ars.ScenarioResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Runs one call: dials, waits for the answer at most the ring timeout (then cancels),
 * runs the script, hangs up, and reports the outcome with its timings. A call never ends
 * in silence: every path ends in one {@link CallReport}. When its verification ends
 * meanwhile (expiry, or a {@link CallStops.Stop stop}) the call is not dialled, or is
 * canceled while it rings, or hung up once answered, and reports
 * {@link CallOutcome#CANCELED}.
 */
public final class CallRunner {

	private static final Logger log = LoggerFactory.getLogger(CallRunner.class);

	private final Trunk trunk;

	private final Duration ringTimeout;

	private final Clock clock;

	private final Duration hangUpGrace;

	private final Scheduler timer;

	private final Sinks.Empty<Void> shutdown = Sinks.empty();

	/**
	 * @param ringTimeout how long the phone may ring before we cancel (no answer)
	 * @param hangUpGrace how long we wait for the trunk to confirm a CANCEL or BYE before
	 * we report the call anyway
	 * @param timer runs the timeouts and the script (never the trunk's threads)
	 */
	public CallRunner(Trunk trunk, Duration ringTimeout, Duration hangUpGrace, Clock clock, Scheduler timer) {
		this.trunk = trunk;
		this.ringTimeout = ringTimeout;
		this.hangUpGrace = hangUpGrace;
		this.clock = clock;
		this.timer = timer;
	}

	/**
	 * The service is stopping: every call still running is hung up (CANCEL or BYE) and
	 * reported: {@code transport_error}, or, once the script reached a result (the code
	 * was read out or matched), answered with that result. Calls placed afterwards end
	 * the same way at once.
	 */
	public void hangUpAll() {
		this.shutdown.tryEmitEmpty();
	}

	/**
	 * Places the call and runs {@code script} once it is answered.
	 * @param expiresAt no ringing or scenario after this instant (the call is canceled)
	 * @param stop asks the call to end early (its verification ended); checked before
	 * dialling and watched until the call is over
	 * @return the report; cancelling it hangs the call up (no report then)
	 */
	public Mono<CallReport> run(PlaceCall request, Instant expiresAt, CallStops.Stop stop, CallScript script) {
		return Mono.defer(() -> {
			Duration untilExpiry = Duration.between(this.clock.instant(), expiresAt);
			if (untilExpiry.isNegative() || untilExpiry.isZero() || stop.isRequested()) {
				return Mono.just(CallReport.canceledBeforeDialling());
			}
			Attempt attempt = new Attempt(this.trunk.place(request));
			boolean expiryFirst = untilExpiry.compareTo(this.ringTimeout) < 0;
			Duration ringLimit = expiryFirst ? untilExpiry : this.ringTimeout;
			Mono<Phase> ringing = Mono.firstWithValue(attempt.answered().map(Phase.Answered::new),
					attempt.ended().map(Phase.Ended::new),
					Mono.delay(ringLimit, this.timer).map((tick) -> new Phase.TimedOut(expiryFirst)),
					stop.requested().thenReturn(new Phase.Stopped()),
					this.shutdown.asMono().thenReturn(new Phase.ShutDown()));
			return ringing.flatMap((phase) -> {
				if (phase instanceof Phase.Answered answered) {
					return converse(attempt, answered.media(), expiresAt, stop, script);
				}
				if (phase instanceof Phase.TimedOut timedOut) {
					return attempt.hangUpAndReport(timedOut.expired() ? CallOutcome.CANCELED : CallOutcome.NO_ANSWER,
							null);
				}
				if (phase instanceof Phase.Stopped) {
					// CANCEL while it rings (RFC 3261 §9.1); BYE if the 200 crosses it
					return attempt.hangUpAndReport(CallOutcome.CANCELED, null);
				}
				if (phase instanceof Phase.ShutDown) {
					return attempt.hangUpAndReport(CallOutcome.TRANSPORT_ERROR, null);
				}
				CallEvent.Ended ended = ((Phase.Ended) phase).ended();
				return Mono.just(attempt.report(CallOutcomes.forUnanswered(ended), null, ended.finalStatus()));
			}).doOnCancel(attempt.call::hangUp);
		});
	}

	private Mono<CallReport> converse(Attempt attempt, CallMedia media, Instant expiresAt, CallStops.Stop stop,
			CallScript script) {
		Duration untilExpiry = Duration.between(this.clock.instant(), expiresAt);
		ScriptProgress progress = new ScriptProgress();
		Mono<Phase> scripted = Mono.defer(() -> script.run(media, progress))
			.subscribeOn(this.timer)
			.onErrorResume((ex) -> {
				// typically the media closed under a prompt because the phone hung up
				log.warn("scenario failed, hanging up: {}", ex.toString());
				return Mono.just(progress.reachedOr(ScenarioResult.HUNG_UP));
			})
			.map(Phase.ScriptDone::new);
		Mono<Phase> conversation = Mono.firstWithValue(scripted, attempt.ended().map(Phase.Ended::new),
				Mono.delay(untilExpiry.isNegative() ? Duration.ZERO : untilExpiry, this.timer)
					.map((tick) -> new Phase.TimedOut(true)),
				stop.requested().thenReturn(new Phase.Stopped()),
				this.shutdown.asMono().thenReturn(new Phase.ShutDown()));
		return conversation.flatMap((phase) -> {
			if (phase instanceof Phase.ScriptDone done) {
				return attempt.hangUpAndReport(CallOutcome.ANSWERED, done.result());
			}
			if (phase instanceof Phase.Ended) {
				// the phone hung up: a code already read out or typed still counts
				return Mono.just(attempt.report(CallOutcome.ANSWERED, progress.reachedOr(ScenarioResult.HUNG_UP), 200));
			}
			if (phase instanceof Phase.ShutDown) {
				ScenarioResult reached = progress.reached();
				return attempt.hangUpAndReport((reached != null) ? CallOutcome.ANSWERED : CallOutcome.TRANSPORT_ERROR,
						reached);
			}
			// the verification expired or ended mid-call: BYE
			return attempt.hangUpAndReport(CallOutcome.CANCELED, null);
		});
	}

	private sealed interface Phase {

		record Answered(CallMedia media) implements Phase {
		}

		record Ended(CallEvent.Ended ended) implements Phase {
		}

		record TimedOut(boolean expired) implements Phase {
		}

		record ScriptDone(ScenarioResult result) implements Phase {
		}

		record Stopped() implements Phase {
		}

		record ShutDown() implements Phase {
		}

	}

	/** One call's events, observed once from the start, with their arrival times. */
	private final class Attempt {

		private final OutboundCall call;

		private final long startedNanos = System.nanoTime();

		private volatile long ringingNanos = -1;

		private volatile long answeredNanos = -1;

		private volatile long endedNanos = -1;

		private volatile @Nullable Integer finalStatus;

		private final Flux<CallEvent> events;

		Attempt(OutboundCall call) {
			this.call = call;
			this.events = call.events().doOnNext(this::record).replay().autoConnect(0);
		}

		private void record(CallEvent event) {
			long now = System.nanoTime();
			if (event instanceof CallEvent.Ringing && this.ringingNanos < 0) {
				this.ringingNanos = now;
			}
			else if (event instanceof CallEvent.Answered) {
				this.answeredNanos = now;
				this.finalStatus = 200;
			}
			else if (event instanceof CallEvent.Ended ended) {
				this.endedNanos = now;
				if (ended.finalStatus() != null && this.finalStatus == null) {
					this.finalStatus = ended.finalStatus();
				}
			}
		}

		Mono<CallMedia> answered() {
			return this.events.ofType(CallEvent.Answered.class).next().map(CallEvent.Answered::media);
		}

		Mono<CallEvent.Ended> ended() {
			return this.events.ofType(CallEvent.Ended.class).next();
		}

		Mono<CallReport> hangUpAndReport(CallOutcome outcome, @Nullable ScenarioResult result) {
			this.call.hangUp();
			return ended().timeout(CallRunner.this.hangUpGrace, CallRunner.this.timer)
				.onErrorResume((ex) -> Mono.empty())
				.then(Mono.fromSupplier(() -> report(outcome, result, this.finalStatus)));
		}

		CallReport report(CallOutcome outcome, @Nullable ScenarioResult result, @Nullable Integer sipStatus) {
			long end = (this.endedNanos > 0) ? this.endedNanos : System.nanoTime();
			CallTimings timings = new CallTimings(since(this.ringingNanos), since(this.answeredNanos),
					TimeUnit.NANOSECONDS.toMillis(end - this.startedNanos));
			if (outcome != CallOutcome.ANSWERED) {
				result = null;
			}
			return new CallReport(outcome, result, sipStatus, timings);
		}

		private @Nullable Long since(long nanos) {
			return (nanos < 0) ? null : TimeUnit.NANOSECONDS.toMillis(nanos - this.startedNanos);
		}

	}

}
