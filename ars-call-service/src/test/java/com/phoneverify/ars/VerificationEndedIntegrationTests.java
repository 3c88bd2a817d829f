package com.phoneverify.ars;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.phoneverify.ars.quota.ChannelQuota;
import com.phoneverify.ars.request.AuthRequestListener;
import com.phoneverify.ars.request.VerificationOutcomeListener;
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
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.PhoneSimulatorOptions;
import com.phoneverify.simulators.phone.call.CallState;
import com.phoneverify.simulators.phone.call.Party;
import com.phoneverify.simulators.phone.call.SimulatedCall;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canceled or expired verification stops its call, against the real broker and the
 * phone simulator: the ring timeout is a minute, so only the verification's end can have
 * stopped a call within seconds. Its own sealing key and consumer groups, and
 * {@code auth-requested} read from the latest offset, keep it apart from the other
 * integration tests on the same broker.
 */
@SpringBootTest(properties = { "server.port=0", "ars.sip.local-port=0", "ars.sip.ring-timeout=60s",
		"ars.channels.per-merchant=1", "ars.sealing.keys.stop=" + VerificationEndedIntegrationTests.KEY,
		"ars.sealing.current-key-id=stop", "ars.prompts.cache-dir=target/prompt-cache",
		"messaging.consumes.auth-requested=ars-call-service-stop-it",
		"messaging.consumes.verification-outcomes=ars-call-service-stop-it-outcomes",
		"spring.kafka.consumer.auto-offset-reset=latest" })
@ContextConfiguration(initializers = EmbeddedInfraInitializer.class)
@DirtiesContext
@Execution(ExecutionMode.CONCURRENT)
// one service at a time reads auth-requested: a service answers the requests that it
// cannot open (sealed for another test's service) with transport_error
@ResourceLock(TestKafka.AUTH_REQUESTED_READERS)
class VerificationEndedIntegrationTests {

	static final String KEY = "+i/zzCRB9lXRIziqsIj+FMNUI3wWmVWSDomb9kvpdio=";

	private static final Sealer sealer = Sealer.of(Map.of("stop", KEY), "stop");

	private static final EventCodec codec = new EventCodec();

	private static final PhoneSimulator phones = PhoneSimulator.start(PhoneSimulatorOptions.defaults());

	private static final TestKafka.Completed completed = new TestKafka.Completed();

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private ChannelQuota quota;

	@DynamicPropertySource
	static void trunk(DynamicPropertyRegistry registry) {
		registry.add("ars.sip.trunk",
				() -> phones.sipAddress().getAddress().getHostAddress() + ":" + phones.sipAddress().getPort());
	}

	@AfterAll
	static void stopPhones() {
		phones.close();
	}

	@BeforeEach
	void listenersHaveTheirPartitions() {
		// both topics are read from the latest offset: nothing may be sent before
		TestKafka.awaitAssignment(this.listeners, AuthRequestListener.ID, VerificationOutcomeListener.ID);
	}

	@Test
	void aRingingCallWhoseVerificationIsCanceledIsCanceledWithSipCancel() {
		String number = "+821055510408";
		VerificationId id = request("merchant-ringing-canceled", ArsScenario.C, number);
		SimulatedCall call = phones.awaitCall(number, Duration.ofSeconds(20)).block();
		assertThat(call.state()).isEqualTo(CallState.RINGING);

		verificationEnded(id, "merchant-ringing-canceled", VerificationStatus.CANCELED);

		CallCompleted event = completed.await(id, Duration.ofSeconds(10));
		assertThat(event.outcome()).isEqualTo(CallOutcome.CANCELED);
		assertThat(event.sipStatus()).as("the INVITE ended 487 after our CANCEL").isEqualTo(487);
		assertThat(event.scenarioResult()).isNull();
		assertThat(event.timings().answerMillis()).isNull();
		assertThat(event.timings().totalMillis()).isLessThan(20_000L);
		call.ended().block(Duration.ofSeconds(5));
		assertThat(call.sipStatusSent()).isEqualTo(487);
		assertThat(call.endedBy()).contains(Party.CALLER);
	}

	@Test
	void anAnsweredCallWhoseVerificationExpiresIsHungUpWithBye() {
		String number = "+821055520234";
		// type C, and the phone never types: the script would wait for keys for half a
		// minute
		VerificationId id = request("merchant-answered-expired", ArsScenario.C, number);
		SimulatedCall call = phones.awaitCall(number, Duration.ofSeconds(20)).block();
		awaitAnswered(call);

		verificationEnded(id, "merchant-answered-expired", VerificationStatus.EXPIRED);

		CallCompleted event = completed.await(id, Duration.ofSeconds(10));
		assertThat(event.outcome()).isEqualTo(CallOutcome.CANCELED);
		assertThat(event.sipStatus()).isEqualTo(200);
		assertThat(event.scenarioResult()).isNull();
		assertThat(event.timings().answerMillis()).isNotNull();
		assertThat(event.timings().totalMillis()).isLessThan(20_000L);
		call.ended().block(Duration.ofSeconds(5));
		assertThat(call.endedBy()).as("we sent the BYE").contains(Party.CALLER);
	}

	@Test
	void aRequestWaitingForAChannelIsNeverDialledWhenItsVerificationIsCanceled() {
		String merchant = "merchant-waiting-canceled";
		String ringing = "+821055530408";
		String waiting = "+821055540234";
		VerificationId first = request(merchant, ArsScenario.A, ringing);
		phones.awaitCall(ringing, Duration.ofSeconds(20)).block();
		VerificationId second = request(merchant, ArsScenario.A, waiting);
		awaitSomeoneWaiting();

		verificationEnded(second, merchant, VerificationStatus.CANCELED);

		CallCompleted event = completed.await(second, Duration.ofSeconds(10));
		assertThat(event.outcome()).isEqualTo(CallOutcome.CANCELED);
		assertThat(event.sipStatus()).as("never dialled").isNull();
		assertThat(event.timings().ringingMillis()).isNull();
		assertThat(completed.arrived(first)).as("the first call still rings").isFalse();
		verificationEnded(first, merchant, VerificationStatus.CANCELED);
		assertThat(completed.await(first, Duration.ofSeconds(10)).outcome()).isEqualTo(CallOutcome.CANCELED);
		assertThat(phones.calls()).noneMatch((call) -> call.number().equals(waiting));
	}

	@Test
	void anApprovalLeavesTheCallToFinishItsScenario() {
		String number = "+821055550234";
		// type A reads the code twice; the customer confirms it on the merchant's site
		// meanwhile
		VerificationId id = request("merchant-answered-approved", ArsScenario.A, number);
		SimulatedCall call = phones.awaitCall(number, Duration.ofSeconds(20)).block();
		awaitAnswered(call);

		verificationEnded(id, "merchant-answered-approved", VerificationStatus.APPROVED);

		CallCompleted event = completed.await(id, Duration.ofSeconds(60));
		assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
		assertThat(event.scenarioResult()).isEqualTo(ScenarioResult.CODE_DELIVERED);
	}

	@Test
	void aMalformedOutcomeIsDeadLetteredAndAnEndBeforeItsRequestStopsTheCall() {
		try (KafkaConsumer<String, byte[]> deadLetters = TestKafka.consumer()) {
			deadLetters.subscribe(
					List.of(Topics.deadLetterOf(Topics.VERIFICATION_OUTCOMES, "ars-call-service-stop-it-outcomes")));
			VerificationId id = VerificationId.random();
			String number = "+821055560234";
			// the end of the verification comes first, then a broken record on the same
			// partition: once that one is dead-lettered, the end before it was handled
			verificationEnded(id, "merchant-ended-early", VerificationStatus.CANCELED);
			TestKafka.send(Topics.VERIFICATION_OUTCOMES, id.toString(),
					"{\"type\":\"verification-outcome\",\"oops\"".getBytes(StandardCharsets.UTF_8));

			ConsumerRecord<String, byte[]> letter = TestKafka.pollFor(deadLetters, id.toString(),
					Duration.ofSeconds(20));

			assertThat(header(letter, DeadLetters.REASON_HEADER)).contains("not a valid verification-outcome v2 event");
			assertThat(header(letter, DeadLetters.CONSUMER_HEADER)).isEqualTo("ars-call-service-stop-it-outcomes");
			request(id, "merchant-ended-early", ArsScenario.C, number);
			CallCompleted event = completed.await(id, Duration.ofSeconds(20));
			assertThat(event.outcome()).isEqualTo(CallOutcome.CANCELED);
			assertThat(event.sipStatus()).isNull();
			assertThat(phones.calls()).noneMatch((call) -> call.number().equals(number));
		}
	}

	private void awaitSomeoneWaiting() {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (this.quota.waiting() == 0) {
			assertThat(System.nanoTime()).as("a request waits for a channel").isLessThan(deadline);
			TestKafka.sleep(50);
		}
	}

	private static void awaitAnswered(SimulatedCall call) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (call.state() != CallState.ANSWERED) {
			assertThat(System.nanoTime()).as("the phone answered").isLessThan(deadline);
			TestKafka.sleep(50);
		}
		// the scenario has started speaking
		TestKafka.sleep(1_000);
		assertThat(call.state()).isEqualTo(CallState.ANSWERED);
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static void verificationEnded(VerificationId id, String merchant, VerificationStatus status) {
		EventEnvelope<VerificationOutcome> outcome = EventTopics.VERIFICATION_OUTCOMES.envelope(
				new VerificationOutcome(id, MerchantId.of(merchant), Product.ARS, status, null), Instant.now(), null);
		TestKafka.send(Topics.VERIFICATION_OUTCOMES, outcome.key(), codec.encode(outcome));
	}

	private static VerificationId request(String merchant, ArsScenario scenario, String phone) {
		VerificationId id = VerificationId.random();
		request(id, merchant, scenario, phone);
		return id;
	}

	private static void request(VerificationId id, String merchant, ArsScenario scenario, String phone) {
		String code = "123456";
		Instant now = Instant.now();
		EventEnvelope<AuthRequested> event = EventTopics.AUTH_REQUESTED.envelope(new AuthRequested(id,
				MerchantId.of(merchant), scenario, sealer.seal(phone, AuthRequested.sealingContext(id, "phone")),
				sealer.seal(code, AuthRequested.sealingContext(id, "code")), null, code.length(),
				now.plus(Duration.ofMinutes(3))), now, null);
		TestKafka.send(Topics.AUTH_REQUESTED, id.toString(), codec.encode(event));
	}

}
