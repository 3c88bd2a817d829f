package com.phoneverify.ars;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.contracts.DeadLetters;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.PhoneSimulatorOptions;
import com.phoneverify.simulators.phone.call.SimulatedCall;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service against a real Kafka broker and the phone simulator over real UDP SIP and
 * RTP on loopback. Every test uses its own merchant and number, so they run concurrently
 * in one shared context; the per-merchant channel limit is 1.
 */
@SpringBootTest(properties = { "server.port=0", "ars.sip.local-port=0", "ars.sip.ring-timeout=2s",
		"ars.channels.per-merchant=1", "ars.sealing.keys.test=" + ArsCallServiceIntegrationTests.KEY,
		"ars.sealing.current-key-id=test", "ars.prompts.cache-dir=target/prompt-cache",
		// one merchant may call Seoul landlines only (ars.destinations)
		"ars.destinations.merchants.merchant-seoul-only.allowed-prefixes=+822",
		"messaging.consumes.auth-requested=ars-call-service-it",
		"messaging.consumes.verification-outcomes=ars-call-service-it-outcomes" })
@ContextConfiguration(initializers = EmbeddedInfraInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
// other test contexts share the broker: each has its own sealing key (so it dead-letters,
// never calls, the others' requests) and is closed after its class
@DirtiesContext
@Execution(ExecutionMode.CONCURRENT)
// one service at a time reads auth-requested: a service answers the requests that it
// cannot open (sealed for another test's service) with transport_error
@ResourceLock(TestKafka.AUTH_REQUESTED_READERS)
class ArsCallServiceIntegrationTests {

	static final String KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

	private static final Sealer sealer = Sealer.of(Map.of("test", KEY), "test");

	private static final EventCodec codec = new EventCodec();

	private static final PhoneSimulator phones = PhoneSimulator.start(PhoneSimulatorOptions.defaults());

	private static final TestKafka.Completed completed = new TestKafka.Completed();

	@DynamicPropertySource
	static void trunk(DynamicPropertyRegistry registry) {
		registry.add("ars.sip.trunk",
				() -> phones.sipAddress().getAddress().getHostAddress() + ":" + phones.sipAddress().getPort());
	}

	@AfterAll
	static void stopPhones() {
		phones.close();
	}

	@Test
	void typeCWithTheRightCodeTypedIsVerified() {
		String number = "+821055501234";
		phones.arm(number, "123456", Duration.ofMillis(300));
		VerificationId id = request("merchant-c-right", ArsScenario.C, number, "123456", null);

		CallCompleted event = completed.await(id, Duration.ofSeconds(40));

		assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
		assertThat(event.scenarioResult()).isEqualTo(ScenarioResult.VERIFIED);
		assertThat(event.sipStatus()).isEqualTo(200);
		assertThat(event.timings().answerMillis()).isNotNull().isPositive();
		assertThat(event.timings().ringingMillis()).isNotNull().isLessThanOrEqualTo(event.timings().answerMillis());
	}

	@Test
	void typeCWithAWrongCodeOnEveryTryIsWrongInput() {
		String number = "+821055502234";
		// three tries of six digits, typed ahead
		phones.arm(number, "999999999999999999", Duration.ofMillis(300));
		VerificationId id = request("merchant-c-wrong", ArsScenario.C, number, "123456", null);

		CallCompleted event = completed.await(id, Duration.ofSeconds(60));

		assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
		assertThat(event.scenarioResult()).isEqualTo(ScenarioResult.WRONG_INPUT);
	}

	@Test
	void typeBWithTheChallengeKeyPressedDeliversTheCode() {
		String number = "+821055503234";
		phones.arm(number, "7", Duration.ofMillis(300));
		VerificationId id = request("merchant-b-right", ArsScenario.B, number, "4321", "7");

		CallCompleted event = completed.await(id, Duration.ofSeconds(60));

		assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
		assertThat(event.scenarioResult()).isEqualTo(ScenarioResult.CODE_DELIVERED);
	}

	@Test
	void typeEWithOnePressedIsAgreed() {
		String number = "+821055570234";
		phones.arm(number, "1", Duration.ofMillis(300));
		VerificationId id = request("merchant-e-agree", ArsScenario.E, number, null, null);

		CallCompleted event = completed.await(id, Duration.ofSeconds(60));

		assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
		assertThat(event.scenarioResult()).isEqualTo(ScenarioResult.AGREED);
		assertThat(event.sipStatus()).isEqualTo(200);
	}

	@Test
	void typeEWithTwoPressedIsRefused() {
		String number = "+821055580234";
		phones.arm(number, "2", Duration.ofMillis(300));
		VerificationId id = request("merchant-e-refuse", ArsScenario.E, number, null, null);

		CallCompleted event = completed.await(id, Duration.ofSeconds(60));

		assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
		assertThat(event.scenarioResult()).isEqualTo(ScenarioResult.REFUSED);
	}

	@Test
	void theLogLinesOfACallCarryTheTraceIdOfItsRequest(CapturedOutput output) {
		String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
		String traceId = traceparent.substring(3, 35);
		VerificationId id = request("merchant-traced", ArsScenario.C, "+821055520486", "123456", null, traceparent);

		completed.await(id, Duration.ofSeconds(20));

		// the first line is logged on an R2DBC thread, the last on the call scheduler
		List<String> lines = output.getAll().lines().filter((line) -> line.contains("verification " + id)).toList();
		assertThat(lines).anyMatch((line) -> line.contains("calling "))
			.anyMatch((line) -> line.contains(": BUSY"))
			.allMatch((line) -> line.contains("[" + traceId + "]"), "carries [" + traceId + "]");
	}

	@Test
	void aDestinationTheMerchantMayNotCallIsNeverDialledAndEndsAsBadNumber(CapturedOutput output) {
		String number = "+821055509234";
		VerificationId id = request("merchant-seoul-only", ArsScenario.C, number, "123456", null);

		CallCompleted event = completed.await(id, Duration.ofSeconds(20));

		assertThat(event.outcome()).isEqualTo(CallOutcome.BAD_NUMBER);
		assertThat(event.sipStatus()).isNull();
		assertThat(event.scenarioResult()).isNull();
		// the phone simulator records every INVITE it receives: none for this number
		assertThat(phones.calls()).noneMatch((call) -> call.number().endsWith("1055509234"));
		List<String> lines = output.getAll().lines().filter((line) -> line.contains("verification " + id)).toList();
		assertThat(lines).anyMatch((line) -> line.contains("not allowed") && line.contains("+82 10-****-9234"))
			.noneMatch((line) -> line.contains("calling "));
		assertThat(output.getAll()).doesNotContain("1055509234");
	}

	@Test
	void aBusyNumberIsBusyWith486() {
		VerificationId id = request("merchant-busy", ArsScenario.C, "+821055500486", "123456", null);

		CallCompleted event = completed.await(id, Duration.ofSeconds(20));

		assertThat(event.outcome()).isEqualTo(CallOutcome.BUSY);
		assertThat(event.sipStatus()).isEqualTo(486);
		assertThat(event.scenarioResult()).isNull();
	}

	@Test
	void aPhoneThatRingsForeverIsNoAnswerAfterCancel() {
		String number = "+821055500408";
		VerificationId id = request("merchant-ringing", ArsScenario.A, number, "123456", null);

		CallCompleted event = completed.await(id, Duration.ofSeconds(20));

		assertThat(event.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
		assertThat(event.sipStatus()).isEqualTo(487);
		assertThat(event.timings().totalMillis()).isBetween(1_900L, 10_000L);
		SimulatedCall call = phones.awaitCall(number, Duration.ofSeconds(1)).block();
		assertThat(call.sipStatusSent()).isEqualTo(487);
	}

	@Test
	void aPhoneThatHangsUpMidCallIsHungUp() {
		VerificationId id = request("merchant-hangup", ArsScenario.C, "+821055700999", "123456", null);

		CallCompleted event = completed.await(id, Duration.ofSeconds(20));

		assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
		assertThat(event.scenarioResult()).isEqualTo(ScenarioResult.HUNG_UP);
	}

	@Test
	void typeAReadsTheCodeOutAndThePhoneHearsIt() {
		String number = "+821055504234";
		VerificationId id = request("merchant-a", ArsScenario.A, number, "123456", null);

		CallCompleted event = completed.await(id, Duration.ofSeconds(60));

		assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
		assertThat(event.scenarioResult()).isEqualTo(ScenarioResult.CODE_DELIVERED);
		SimulatedCall call = phones.awaitCall(number, Duration.ofSeconds(1)).block();
		call.ended().block(Duration.ofSeconds(5));
		byte[] audio = call.receivedAudio();
		byte silence = call.codec().orElseThrow().silence();
		long voiced = 0;
		for (byte sample : audio) {
			if (Math.abs(sample - silence) > 2) {
				voiced++;
			}
		}
		// greeting (about 2.5 s) and the six-digit code twice: several seconds of speech
		assertThat(audio.length / 8000.0).isBetween(6.0, 40.0);
		assertThat(voiced / 8000.0).isGreaterThan(3.0);
	}

	@Test
	void aMalformedRecordIsDeadLetteredAndTheNextOneIsProcessed() {
		try (KafkaConsumer<String, byte[]> deadLetters = TestKafka.consumer()) {
			deadLetters.subscribe(List.of(Topics.deadLetterOf(Topics.AUTH_REQUESTED, "ars-call-service-it")));
			String key = UUID.randomUUID().toString();
			send(key, "{\"type\":\"auth-requested\",\"oops\"".getBytes(StandardCharsets.UTF_8));
			VerificationId next = request("merchant-after-bad", ArsScenario.C, "+821055510486", "123456", null);

			ConsumerRecord<String, byte[]> letter = TestKafka.pollFor(deadLetters, key, Duration.ofSeconds(20));

			assertThat(
					new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
				.contains("not a valid auth-requested v2 event");
			assertThat(new String(letter.headers().lastHeader(DeadLetters.CONSUMER_HEADER).value(),
					StandardCharsets.UTF_8))
				.isEqualTo("ars-call-service-it");
			assertThat(completed.await(next, Duration.ofSeconds(20)).outcome()).isEqualTo(CallOutcome.BUSY);
		}
	}

	@Test
	void aRecordWhoseSealedFieldsDoNotOpenIsDeadLetteredAndItsVerificationEndsAsTransportError() {
		Sealer foreign = Sealer.of(Map.of("test", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="), "test");
		try (KafkaConsumer<String, byte[]> deadLetters = TestKafka.consumer()) {
			deadLetters.subscribe(List.of(Topics.deadLetterOf(Topics.AUTH_REQUESTED, "ars-call-service-it")));
			VerificationId id = VerificationId.random();
			Instant now = Instant.now();
			EventEnvelope<AuthRequested> event = EventTopics.AUTH_REQUESTED
				.envelope(new AuthRequested(id, MerchantId.of("merchant-foreign-key"), ArsScenario.C,
						foreign.seal("+821055509876", AuthRequested.sealingContext(id, "phone")),
						foreign.seal("123456", AuthRequested.sealingContext(id, "code")), null, 6,
						now.plus(Duration.ofMinutes(3))), now, null);
			send(id.toString(), codec.encode(event));

			ConsumerRecord<String, byte[]> letter = TestKafka.pollFor(deadLetters, id.toString(),
					Duration.ofSeconds(20));
			CallCompleted completedEvent = completed.await(id, Duration.ofSeconds(20));

			assertThat(
					new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
				.contains("does not open");
			assertThat(completedEvent.outcome()).isEqualTo(CallOutcome.TRANSPORT_ERROR);
			assertThat(completedEvent.merchantId()).isEqualTo(MerchantId.of("merchant-foreign-key"));
			assertThat(completedEvent.sipStatus()).isNull();
		}
	}

	@Test
	void requestsBeyondTheChannelLimitWaitAndAllComplete() {
		List<String> numbers = List.of("+821055610999", "+821055620999", "+821055630999");
		List<VerificationId> ids = new ArrayList<>();
		for (String number : numbers) {
			ids.add(request("merchant-limited", ArsScenario.A, number, "123456", null));
		}

		for (VerificationId id : ids) {
			CallCompleted event = completed.await(id, Duration.ofSeconds(60));
			assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(event.scenarioResult()).isEqualTo(ScenarioResult.HUNG_UP);
		}
		List<SimulatedCall> calls = numbers.stream()
			.map((number) -> phones.awaitCall(number, Duration.ofSeconds(1)).block())
			.sorted(java.util.Comparator.comparing(SimulatedCall::startedAt))
			.toList();
		for (int i = 1; i < calls.size(); i++) {
			Instant previousEnd = calls.get(i - 1).endedAt().orElseThrow();
			assertThat(calls.get(i).startedAt()).isAfterOrEqualTo(previousEnd);
		}
	}

	private static VerificationId request(String merchant, ArsScenario scenario, String phone, String code,
			String challengeKey) {
		return request(merchant, scenario, phone, code, challengeKey, null);
	}

	private static VerificationId request(String merchant, ArsScenario scenario, String phone, String code,
			String challengeKey, String traceparent) {
		VerificationId id = VerificationId.random();
		Instant now = Instant.now();
		EventEnvelope<AuthRequested> event = EventTopics.AUTH_REQUESTED
			.envelope(
					new AuthRequested(id, MerchantId.of(merchant), scenario,
							sealer.seal(phone, AuthRequested.sealingContext(id, "phone")),
							(code != null) ? sealer.seal(code, AuthRequested.sealingContext(id, "code")) : null,
							(challengeKey != null)
									? sealer.seal(challengeKey, AuthRequested.sealingContext(id, "challenge-key"))
									: null,
							(code != null) ? code.length() : 0, now.plus(Duration.ofMinutes(3))),
					now, traceparent);
		send(id.toString(), codec.encode(event));
		return id;
	}

	private static void send(String key, byte[] value) {
		TestKafka.send(Topics.AUTH_REQUESTED, key, value);
	}

}
