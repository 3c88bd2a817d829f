package com.phoneverify.ars.scenario;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.phoneverify.ars.call.AudioClip;
import com.phoneverify.ars.call.CallEvent;
import com.phoneverify.ars.call.CallMedia;
import com.phoneverify.ars.call.CallReport;
import com.phoneverify.ars.call.CallRunner;
import com.phoneverify.ars.call.CallStops;
import com.phoneverify.ars.call.OutboundCall;
import com.phoneverify.ars.call.PlaceCall;
import com.phoneverify.ars.call.Trunk;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.phone.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real customers hang up as soon as they have heard or typed the code. The shipped
 * scenarios run through the call runner against a phone that answers and then hangs up
 * (BYE) at a chosen moment; every fragment lasts 150 ms (30 ms of speech and the 120 ms
 * gap), the closing "인증이 완료되었습니다." 1 s.
 */
class HangUpAfterTheCodeTests {

	private static final String CONFIRMATION = "인증이 완료되었습니다.";

	private final Scheduler timer = Schedulers.newParallel("hang-up-test", 2);

	private final ScenarioCatalog catalog = ScenarioCatalog
		.load((name) -> getClass().getResourceAsStream("/scenarios/" + name));

	private final ScenarioEngine engine = new ScenarioEngine(
			(voice, text) -> AudioClip.silence(CONFIRMATION.equals(text) ? 1000 : 30), this.timer);

	@AfterEach
	void stopTimer() {
		this.timer.dispose();
	}

	@Test
	void typeAHungUpDuringTheRepeatOfTheCodeHasTheCodeDelivered() {
		// greeting 150 ms, first read-out (8 fragments) until 1350 ms, the pause, the
		// repeat from 1830 to 3030 ms
		assertThat(callAndHangUpAfter(ArsScenario.A, "123456", "", Duration.ofMillis(2300)).scenarioResult())
			.isEqualTo(ScenarioResult.CODE_DELIVERED);
	}

	@Test
	void typeAHungUpDuringTheFirstReadOutIsHungUp() {
		assertThat(callAndHangUpAfter(ArsScenario.A, "123456", "", Duration.ofMillis(800)).scenarioResult())
			.isEqualTo(ScenarioResult.HUNG_UP);
	}

	@Test
	void typeCHungUpDuringTheConfirmationPromptIsVerified() {
		// the code is typed at once, so the confirmation plays from about 150 ms to
		// 1300 ms
		assertThat(callAndHangUpAfter(ArsScenario.C, "123456", "123456", Duration.ofMillis(700)).scenarioResult())
			.isEqualTo(ScenarioResult.VERIFIED);
	}

	@Test
	void typeCHungUpBeforeTypingIsHungUp() {
		assertThat(callAndHangUpAfter(ArsScenario.C, "123456", "", Duration.ofMillis(700)).scenarioResult())
			.isEqualTo(ScenarioResult.HUNG_UP);
	}

	private CallReport callAndHangUpAfter(ArsScenario scenario, String code, String typed, Duration hangUpAfter) {
		AnsweringPhone phone = new AnsweringPhone(typed, hangUpAfter);
		CallRunner runner = new CallRunner((request) -> phone, Duration.ofSeconds(5), Duration.ofSeconds(40),
				Clock.systemUTC(), this.timer);
		VerificationId id = VerificationId.random();
		CallStops.Stop stop = new CallStops(this.timer, 10).watch(id);
		CallReport[] report = new CallReport[1];
		StepVerifier
			.create(runner.run(new PlaceCall(id, PhoneNumber.parse("+821055501234")),
					Instant.now().plus(Duration.ofMinutes(1)), stop,
					this.engine.script(this.catalog.get(scenario), new ScenarioInputs(Digits.of(code), null, 6))))
			.assertNext((it) -> report[0] = it)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(report[0].outcome()).isEqualTo(CallOutcome.ANSWERED);
		return report[0];
	}

	/** Answers at once, types {@code typed} right away, sends BYE after a while. */
	private final class AnsweringPhone implements OutboundCall, CallMedia, Trunk {

		private final Sinks.Many<CallEvent> events = Sinks.many().replay().all();

		private final Sinks.Many<Character> keys = Sinks.many().replay().all();

		private final Sinks.Empty<Void> closed = Sinks.empty();

		AnsweringPhone(String typed, Duration hangUpAfter) {
			this.events.tryEmitNext(new CallEvent.Answered(this));
			typed.chars().forEach((key) -> this.keys.tryEmitNext((char) key));
			Mono.delay(hangUpAfter, HangUpAfterTheCodeTests.this.timer).subscribe((tick) -> hangUp());
		}

		@Override
		public OutboundCall place(PlaceCall request) {
			return this;
		}

		@Override
		public Flux<CallEvent> events() {
			return this.events.asFlux();
		}

		@Override
		public synchronized void hangUp() {
			// either side: the media closes, the call ends
			if (this.closed.tryEmitEmpty().isSuccess()) {
				this.keys.tryEmitComplete();
				this.events.tryEmitNext(new CallEvent.Ended(CallEvent.Cause.REMOTE_HANGUP, 200));
				this.events.tryEmitComplete();
			}
		}

		@Override
		public Mono<Void> play(AudioClip clip) {
			// like the RTP session: playing fails once the media closed
			return Mono.firstWithSignal(
					Mono.delay(Duration.ofMillis(clip.durationMillis()), HangUpAfterTheCodeTests.this.timer).then(),
					this.closed.asMono().then(Mono.error(new IllegalStateException("media closed"))));
		}

		@Override
		public Flux<Character> keys() {
			return this.keys.asFlux();
		}

	}

}
