package com.phoneverify.ars.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The call lifecycle against a scripted trunk: stops, and what each one sends. */
class CallRunnerTests {

	private static final Duration RING_TIMEOUT = Duration.ofSeconds(30);

	private final Scheduler timer = Schedulers.newSingle("call-runner-test");

	private final FakeTrunk trunk = new FakeTrunk();

	private final CallStops stops = new CallStops(this.timer, 100);

	private final CallRunner runner = new CallRunner(this.trunk, RING_TIMEOUT, Duration.ofSeconds(40),
			Clock.systemUTC(), this.timer);

	private final VerificationId id = VerificationId.random();

	private final AtomicBoolean scriptCancelled = new AtomicBoolean();

	private final CallScript endlessScript = (media, progress) -> Mono.<ScenarioResult>never()
		.doOnCancel(() -> this.scriptCancelled.set(true));

	@AfterEach
	void stopTimer() {
		this.timer.dispose();
	}

	@Test
	void aRingingCallWhoseVerificationEndsIsCanceledWithSipCancel() {
		CallStops.Stop stop = this.stops.watch(this.id);
		Mono<CallReport> run = this.runner.run(place(), inAMinute(), stop, this.endlessScript);

		StepVerifier.create(run).then(() -> this.trunk.call().ring()).then(() -> {
			assertThat(this.trunk.call().hangUps).isEmpty();
			this.stops.verificationEnded(this.id, Product.ARS, VerificationStatus.CANCELED);
		}).assertNext((report) -> {
			assertThat(report.outcome()).isEqualTo(CallOutcome.CANCELED);
			assertThat(report.sipStatus()).isEqualTo(487);
			assertThat(report.scenarioResult()).isNull();
		}).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(this.trunk.call().hangUps).containsExactly("CANCEL");
	}

	@Test
	void anAnsweredCallWhoseVerificationEndsIsHungUpWithBye() {
		CallStops.Stop stop = this.stops.watch(this.id);
		Mono<CallReport> run = this.runner.run(place(), inAMinute(), stop, this.endlessScript);

		StepVerifier.create(run)
			.then(() -> this.trunk.call().ring())
			.then(() -> this.trunk.call().answer())
			.then(() -> this.stops.verificationEnded(this.id, Product.ARS, VerificationStatus.EXPIRED))
			.assertNext((report) -> {
				assertThat(report.outcome()).isEqualTo(CallOutcome.CANCELED);
				assertThat(report.sipStatus()).isEqualTo(200);
				assertThat(report.timings().answerMillis()).isNotNull();
			})
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.trunk.call().hangUps).containsExactly("BYE");
		assertThat(this.scriptCancelled).isTrue();
	}

	@Test
	void anApprovalLeavesTheCallToFinishItsScript() {
		CallStops.Stop stop = this.stops.watch(this.id);
		Sinks.One<ScenarioResult> script = Sinks.one();
		Mono<CallReport> run = this.runner.run(place(), inAMinute(), stop, (media, progress) -> script.asMono());

		StepVerifier.create(run)
			.then(() -> this.trunk.call().answer())
			.then(() -> this.stops.verificationEnded(this.id, Product.ARS, VerificationStatus.APPROVED))
			.expectNoEvent(Duration.ofMillis(200))
			.then(() -> {
				assertThat(this.trunk.call().hangUps).isEmpty();
				script.tryEmitValue(ScenarioResult.VERIFIED);
			})
			.assertNext((report) -> {
				assertThat(report.outcome()).isEqualTo(CallOutcome.ANSWERED);
				assertThat(report.scenarioResult()).isEqualTo(ScenarioResult.VERIFIED);
			})
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aVerificationThatEndedBeforeDiallingIsNeverDialled() {
		this.stops.verificationEnded(this.id, Product.ARS, VerificationStatus.CANCELED);
		CallStops.Stop stop = this.stops.watch(this.id);

		StepVerifier.create(this.runner.run(place(), inAMinute(), stop, this.endlessScript)).assertNext((report) -> {
			assertThat(report.outcome()).isEqualTo(CallOutcome.CANCELED);
			assertThat(report.sipStatus()).isNull();
		}).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(this.trunk.placed).isEmpty();
	}

	@Test
	void cancellingTheRunHangsTheCallUp() {
		CallStops.Stop stop = this.stops.watch(this.id);

		StepVerifier.create(this.runner.run(place(), inAMinute(), stop, this.endlessScript))
			.then(() -> this.trunk.call().ring())
			.thenCancel()
			.verify(Duration.ofSeconds(5));

		assertThat(this.trunk.call().hangUps).containsExactly("CANCEL");
	}

	private PlaceCall place() {
		return new PlaceCall(this.id, PhoneNumber.parse("+821055501234"));
	}

	private static Instant inAMinute() {
		return Instant.now().plus(Duration.ofMinutes(1));
	}

	private static final class FakeTrunk implements Trunk {

		private final List<FakeCall> placed = new ArrayList<>();

		@Override
		public synchronized OutboundCall place(PlaceCall request) {
			FakeCall call = new FakeCall();
			this.placed.add(call);
			return call;
		}

		synchronized FakeCall call() {
			assertThat(this.placed).hasSize(1);
			return this.placed.get(0);
		}

	}

	/** Plays the network's part: rings, answers, and answers our CANCEL or BYE. */
	private static final class FakeCall implements OutboundCall {

		private final Sinks.Many<CallEvent> events = Sinks.many().replay().all();

		private final List<String> hangUps = new java.util.concurrent.CopyOnWriteArrayList<>();

		private boolean answered;

		private boolean ended;

		@Override
		public Flux<CallEvent> events() {
			return this.events.asFlux();
		}

		synchronized void ring() {
			this.events.tryEmitNext(new CallEvent.Ringing(180));
		}

		synchronized void answer() {
			this.answered = true;
			this.events.tryEmitNext(new CallEvent.Answered(new SilentMedia()));
		}

		@Override
		public synchronized void hangUp() {
			if (this.ended) {
				return;
			}
			this.ended = true;
			this.hangUps.add(this.answered ? "BYE" : "CANCEL");
			this.events.tryEmitNext(new CallEvent.Ended(CallEvent.Cause.LOCAL_HANGUP, this.answered ? null : 487));
			this.events.tryEmitComplete();
		}

	}

	private static final class SilentMedia implements CallMedia {

		@Override
		public Mono<Void> play(AudioClip clip) {
			return Mono.empty();
		}

		@Override
		public Flux<Character> keys() {
			return Flux.never();
		}

	}

}
