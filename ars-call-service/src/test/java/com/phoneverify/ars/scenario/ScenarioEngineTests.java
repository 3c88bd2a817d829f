package com.phoneverify.ars.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.ars.call.AudioClip;
import com.phoneverify.ars.call.CallMedia;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.ScenarioResult;
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
 * The engine against a fake call: every fragment lasts 100 ms, gathers time out after 300
 * ms, keys are pressed by the test at chosen moments.
 */
class ScenarioEngineTests {

	private static final Map<String, String> DIGITS = Map.of("0", "영", "1", "일", "2", "이", "3", "삼", "4", "사", "5", "오",
			"6", "육", "7", "칠", "8", "팔", "9", "구");

	private final Scheduler timer = Schedulers.newParallel("engine-test", 2);

	private final List<String> spoken = new CopyOnWriteArrayList<>();

	private final Voice voice = (voiceName, text) -> {
		this.spoken.add(text);
		return AudioClip.silence(100);
	};

	private final ScenarioEngine engine = new ScenarioEngine(this.voice, this.timer);

	private final FakeMedia media = new FakeMedia();

	@AfterEach
	void stop() {
		this.timer.dispose();
	}

	@Test
	void keysPressedWhileAPromptPlaysAreKept() {
		this.media.pressAfter(Duration.ofMillis(20), "1234");

		StepVerifier.create(run(typeC(), "1234")).expectNext(ScenarioResult.VERIFIED).verifyComplete();
		assertThat(this.spoken).contains("인증이 완료되었습니다.");
	}

	@Test
	void repeatedKeysCountOncePerPress() {
		this.media.pressAfter(Duration.ofMillis(400), "1122");

		StepVerifier.create(run(typeC(), "1122")).expectNext(ScenarioResult.VERIFIED).verifyComplete();
	}

	@Test
	void aTimeoutIsFollowedByARetryThatCanSucceed() {
		// greeting 220 ms, prompt 660 ms, the first try times out at 1180 ms, the
		// prompt plays again until 1840 ms
		this.media.pressAfter(Duration.ofMillis(1500), "1234");

		StepVerifier.create(run(typeC(), "1234")).expectNext(ScenarioResult.VERIFIED).verifyComplete();
		assertThat(this.spoken).doesNotContain("틀렸습니다.");
		assertThat(this.spoken.stream().filter("자리를 입력해 주세요."::equals)).hasSize(2);
	}

	@Test
	void aWrongCodeIsFollowedByTheRetryPromptAndTheRightCodeVerifies() {
		// typed ahead: the first try fails at once (220 ms); the retry prompt plays
		// until 440 ms
		this.media.pressAfter(Duration.ofMillis(20), "9999");
		this.media.pressAfter(Duration.ofMillis(300), "1234");

		StepVerifier.create(run(typeC(), "1234")).expectNext(ScenarioResult.VERIFIED).verifyComplete();
		assertThat(this.spoken).containsOnlyOnce("틀렸습니다.");
	}

	@Test
	void aWrongCodeFollowedByTheFinishKeyStillHearsTheRetryPromptAndGetsAllTries() {
		ScenarioDefinition definition = new ScenarioDefinition(ArsScenario.C, null, "ko", DIGITS,
				List.of(new Step.Play("인사말 입니다.", 1, false),
						new Step.Gather("인증번호를 입력해 주세요.", Step.Expected.CODE, 0, "#", 1000, 2, "틀렸습니다.", null, null),
						new Step.Hangup(ScenarioResult.VERIFIED)));
		// the greeting plays until 220 ms; each retry prompt lasts 220 ms and is
		// followed by up to 1 s of waiting
		this.media.pressAfter(Duration.ofMillis(20), "9999#");
		this.media.pressAfter(Duration.ofMillis(700), "5555#");
		this.media.pressAfter(Duration.ofMillis(1500), "1234");

		StepVerifier.create(run(definition, "1234"))
			.expectNext(ScenarioResult.VERIFIED)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void aWrongCodeOnEveryTryIsWrongInput() {
		// typed once ahead, then at each retry (keys typed before a retry prompt are
		// dropped)
		this.media.pressAfter(Duration.ofMillis(20), "9999");
		this.media.pressAfter(Duration.ofMillis(500), "9999");
		this.media.pressAfter(Duration.ofMillis(900), "9999");

		StepVerifier.create(run(typeC(), "1234")).expectNext(ScenarioResult.WRONG_INPUT).verifyComplete();
		assertThat(this.spoken).doesNotContain("인증이 완료되었습니다.");
	}

	@Test
	void nothingTypedOnEveryTryIsNoInput() {
		StepVerifier.create(run(typeC(), "1234"))
			.expectNext(ScenarioResult.NO_INPUT)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void theFinishKeyEndsTheInputEarly() {
		this.media.pressAfter(Duration.ofMillis(20), "12#12#12#");

		StepVerifier.create(run(typeC(), "1234")).expectNext(ScenarioResult.WRONG_INPUT).verifyComplete();
	}

	@Test
	void aHangUpDuringAGatherEndsTheScriptAsHungUp() {
		this.media.pressAfter(Duration.ofMillis(20), "12");
		this.media.hangUpAfter(Duration.ofMillis(600));

		StepVerifier.create(run(typeC(), "1234")).expectNext(ScenarioResult.HUNG_UP).verifyComplete();
	}

	@Test
	void typeAReadsTheCodeDigitByDigitTwice() {
		ScenarioDefinition typeA = new ScenarioDefinition(ArsScenario.A, null, "ko", DIGITS,
				List.of(new Step.Play("인사", 1, false), new Step.Play("인증번호는 {code} 입니다.", 2, false),
						new Step.Hangup(ScenarioResult.CODE_DELIVERED)));

		StepVerifier.create(run(typeA, "1203")).expectNext(ScenarioResult.CODE_DELIVERED).verifyComplete();
		assertThat(this.spoken).containsExactly("인사", "인증번호는", "일", "이", "영", "삼", "입니다.", "인증번호는", "일", "이", "영", "삼",
				"입니다.");
	}

	@Test
	void typeBWithTheWrongKeyOnEveryTryIsWrongInput() {
		ScenarioDefinition typeB = new ScenarioDefinition(ArsScenario.B, null, "ko", DIGITS,
				List.of(new Step.Gather("{challengeKey}번을 눌러주세요.", Step.Expected.CHALLENGE_KEY, 1, null, 300, 2, null,
						null, null), new Step.Play("인증번호는 {code} 입니다.", 1, false),
						new Step.Hangup(ScenarioResult.CODE_DELIVERED)));
		this.media.pressAfter(Duration.ofMillis(20), "123");

		StepVerifier
			.create(this.engine.run(typeB, new ScenarioInputs(Digits.of("5555"), Digits.of("7"), 4), this.media))
			.expectNext(ScenarioResult.WRONG_INPUT)
			.verifyComplete();
		assertThat(this.spoken).contains("칠").doesNotContain("오");
	}

	@Test
	void theShippedScenarioFilesLoadWithTheProductNameAndTheirWordsAsData() {
		ScenarioCatalog catalog = ScenarioCatalog.load((name) -> getClass().getResourceAsStream("/scenarios/" + name));

		assertThat(catalog.all()).hasSize(4);
		for (ArsScenario type : List.of(ArsScenario.A, ArsScenario.B, ArsScenario.C)) {
			assertThat(catalog.get(type).texts()).first().isEqualTo("폰베리파이 전화인증 서비스입니다.");
		}
		assertThat(catalog.get(ArsScenario.E).texts()).first().isEqualTo("폰베리파이 송금 동의 확인 전화입니다.");
		assertThat(catalog.get(ArsScenario.E).steps().get(1)).isInstanceOfSatisfying(Step.Choose.class,
				(choose) -> assertThat(choose.choices()).containsOnlyKeys("1", "2"));
		assertThat(catalog.fragments()).extracting(ScenarioCatalog.Fragment::text)
			.contains("송금에 동의하시면 1번, 거절하시면 2번을 눌러 주십시오.", "송금에 동의하셨습니다. 감사합니다.");
		assertThat(catalog.get(ArsScenario.C).steps().get(1)).isInstanceOfSatisfying(Step.Gather.class,
				(gather) -> assertThat(gather.retries()).isEqualTo(2));
		assertThat(catalog.fragments()).extracting(ScenarioCatalog.Fragment::text).contains("공", "구", "자리를 입력해 주세요.");
	}

	@Test
	void typeEOneAgreesAfterTheWholeConsentPromptAndSaysSo() {
		// greeting 220 ms, prompt 220 ms
		this.media.pressAfter(Duration.ofMillis(500), "1");

		StepVerifier.create(consent()).expectNext(ScenarioResult.AGREED).verifyComplete();
		assertThat(this.spoken).containsSubsequence("동의하시면 1번, 거절하시면 2번", "동의하셨습니다.").doesNotContain("거절하셨습니다.");
	}

	@Test
	void typeETwoRefuses() {
		this.media.pressAfter(Duration.ofMillis(500), "2");

		StepVerifier.create(consent()).expectNext(ScenarioResult.REFUSED).verifyComplete();
		assertThat(this.spoken).contains("거절하셨습니다.").doesNotContain("동의하셨습니다.");
	}

	@Test
	void typeEAnotherKeyHearsTheRetryPromptAndMayStillAgree() {
		this.media.pressAfter(Duration.ofMillis(20), "7");
		this.media.pressAfter(Duration.ofMillis(550), "1");

		StepVerifier.create(consent()).expectNext(ScenarioResult.AGREED).verifyComplete();
		assertThat(this.spoken).containsOnlyOnce("잘못 누르셨습니다.");
	}

	@Test
	void typeEOtherKeysOnEveryTryAreWrongInputAndNothingIsNoInput() {
		this.media.pressAfter(Duration.ofMillis(20), "9");
		this.media.pressAfter(Duration.ofMillis(500), "9");
		this.media.pressAfter(Duration.ofMillis(900), "9");

		StepVerifier.create(consent()).expectNext(ScenarioResult.WRONG_INPUT).verifyComplete();
		StepVerifier.create(this.engine.run(consentScript(), new ScenarioInputs(null, null, 0), new FakeMedia()))
			.expectNext(ScenarioResult.NO_INPUT)
			.verifyComplete();
	}

	@Test
	void typeEAHangUpRightAfterTheKeyStillCountsTheChoice() {
		this.media.pressAfter(Duration.ofMillis(500), "2");
		this.media.hangUpAfter(Duration.ofMillis(560));

		StepVerifier.create(consent()).expectNext(ScenarioResult.REFUSED).verifyComplete();
	}

	@Test
	void aChooseStepMustEndTheScript() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> new ScenarioDefinition(ArsScenario.E, null, "ko", DIGITS,
					List.of(consentScript().steps().get(1), new Step.Hangup(ScenarioResult.AGREED))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("must be the last step");
	}

	private Mono<ScenarioResult> consent() {
		return this.engine.run(consentScript(), new ScenarioInputs(null, null, 0), this.media);
	}

	private static ScenarioDefinition consentScript() {
		return new ScenarioDefinition(ArsScenario.E, null, "ko", DIGITS,
				List.of(new Step.Play("인사말 입니다.", 1, false),
						new Step.Choose("동의하시면 1번, 거절하시면 2번",
								Map.of("1", new Step.Choice(ScenarioResult.AGREED, "동의하셨습니다."), "2",
										new Step.Choice(ScenarioResult.REFUSED, "거절하셨습니다.")),
								300, 2, "잘못 누르셨습니다.", null)));
	}

	private Mono<ScenarioResult> run(ScenarioDefinition definition, String code) {
		return this.engine.run(definition, new ScenarioInputs(Digits.of(code), null, code.length()), this.media);
	}

	private static ScenarioDefinition typeC() {
		return new ScenarioDefinition(ArsScenario.C, null, "ko", DIGITS,
				List.of(new Step.Play("인사말 입니다.", 1, false),
						new Step.Gather("인증번호 {codeLength}자리를 입력해 주세요.", Step.Expected.CODE, 0, "#", 300, 2, "틀렸습니다.",
								null, null),
						new Step.Play("인증이 완료되었습니다.", 1, false), new Step.Hangup(ScenarioResult.VERIFIED)));
	}

	/** Plays in real time (as long as the clip), keys pressed on a schedule. */
	private final class FakeMedia implements CallMedia {

		private final Sinks.Many<Character> keys = Sinks.many().replay().all();

		void pressAfter(Duration delay, String pressed) {
			Mono.delay(delay, ScenarioEngineTests.this.timer).subscribe((tick) -> {
				synchronized (this) {
					pressed.chars().forEach((key) -> this.keys.tryEmitNext((char) key));
				}
			});
		}

		void hangUpAfter(Duration delay) {
			Mono.delay(delay, ScenarioEngineTests.this.timer).subscribe((tick) -> {
				synchronized (this) {
					this.keys.tryEmitComplete();
				}
			});
		}

		@Override
		public Mono<Void> play(AudioClip clip) {
			return Mono.delay(Duration.ofMillis(clip.durationMillis()), ScenarioEngineTests.this.timer).then();
		}

		@Override
		public Flux<Character> keys() {
			return this.keys.asFlux();
		}

	}

}
