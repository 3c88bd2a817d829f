package com.phoneverify.otp.transfer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.otp.OtpRequestId;
import com.phoneverify.contracts.otp.OtpTokenKind;
import com.phoneverify.contracts.otp.OtpVerificationRequested;
import com.phoneverify.contracts.otp.OtpVerificationResult;
import com.phoneverify.contracts.otp.OtpVerified;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.otp.OtpTestSupport;
import com.phoneverify.otp.TestClock;
import com.phoneverify.otp.algorithm.Ocra;
import com.phoneverify.otp.algorithm.OcraSuite;
import com.phoneverify.otp.algorithm.TransactionChallenge;
import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.registration.HardwareRegistrations;
import com.phoneverify.otp.registry.simulator.SimulatedInstitutionRegistry;
import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.CustomerKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfer use over the real broker: a request on {@code otp-verification-requested} gets
 * one answer on {@code otp-verified}; a redelivered request is not verified twice; the
 * OCRA code is bound to recipient account and amount.
 */
@SpringBootTest(properties = { "server.port=0", "otp.secrets.keys.s1=" + OtpTestSupport.SECRETS_KEY,
		"otp.secrets.current-key-id=s1", "otp.secrets.lookup-key=" + OtpTestSupport.LOOKUP_KEY,
		"otp.sealing.keys.e1=" + OtpTestSupport.EVENTS_KEY, "otp.sealing.current-key-id=e1",
		"otp.pin-iterations=1000" })
@ContextConfiguration(initializers = EmbeddedInfraInitializer.class)
@Import(OtpTestSupport.Clocks.class)
// closed after the class: a cached context would keep consuming
// otp-verification-requested
// with its own clock and registry simulator while another class runs
@DirtiesContext
class OtpVerificationOverKafkaIntegrationTests {

	private static final Sealer SEALER = Sealer.of(Map.of("e1", OtpTestSupport.EVENTS_KEY), "e1");

	private static final EventCodec CODEC = new EventCodec();

	private static final MerchantId BANK = MerchantId.of("bank-1");

	@Autowired
	HardwareRegistrations registrations;

	@Autowired
	SimulatedInstitutionRegistry registry;

	@Autowired
	CustomerKeys customerKeys;

	@Autowired
	TestClock clock;

	@Test
	void aTransferBoundCodeIsVerifiedOnceAndAnsweredOnceAndAnotherAmountIsRejected() throws Exception {
		String realNameId = OtpTestSupport.newRealNameId();
		// a time-based device whose seed doubles as OCRA key, the way a
		// transaction-signing token works
		byte[] seed = new byte[32];
		new java.security.SecureRandom().nextBytes(seed);
		com.phoneverify.otp.registry.DeviceId device = new com.phoneverify.otp.registry.DeviceId("02",
				"TX" + Math.abs(new java.security.SecureRandom().nextLong() % 1_000_000_000L));
		this.registry.issue(device, new com.phoneverify.otp.registry.DeviceProfile(seed, true, "SHA256", 6, 30,
				java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2031, 1, 1)));
		this.registrations
			.register(this.customerKeys.keyOf(BANK.value(), realNameId), CustomerKind.DOMESTIC_INDIVIDUAL, device, null,
					new Caller(BANK.value(), "teller", Channel.BRANCH))
			.block(Duration.ofSeconds(10));

		OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA256-8:QN08-T1M");
		String challenge = TransactionChallenge.of(suite, "110-234-567890", new BigDecimal("1500000"));
		String code = Ocra.generate(suite, seed,
				Ocra.Input.challenge(challenge).withTimeStep(suite.stepAt(this.clock.instant())));

		OtpRequestId first = OtpRequestId.random();
		EventEnvelope<OtpVerificationRequested> request = EventTopics.OTP_VERIFICATION_REQUESTED
			.envelope(request(first, realNameId, code, "110-234-567890", "1500000"), Instant.now(), null);
		OtpRequestId other = OtpRequestId.random();
		try (KafkaConsumer<String, byte[]> answers = consumer()) {
			send(request);
			send(request); // redelivered: applied once
			send(EventTopics.OTP_VERIFICATION_REQUESTED
				.envelope(request(other, realNameId, code, "110-234-567890", "1500001"), Instant.now(), null));

			Map<OtpRequestId, List<OtpVerified>> received = await(answers, Map.of(first, 1, other, 1));
			assertThat(received.get(first)).singleElement()
				.satisfies((answer) -> assertThat(answer.result()).isEqualTo(OtpVerificationResult.VERIFIED));
			assertThat(received.get(other)).singleElement().satisfies((answer) -> {
				assertThat(answer.result()).isEqualTo(OtpVerificationResult.REJECTED);
				assertThat(answer.remainingAttempts()).isEqualTo(9);
			});
		}
	}

	@Test
	void aCustomerWithoutOtpIsRefusedNamingTheProblem() throws Exception {
		OtpRequestId id = OtpRequestId.random();
		try (KafkaConsumer<String, byte[]> answers = consumer()) {
			send(EventTopics.OTP_VERIFICATION_REQUESTED
				.envelope(request(id, OtpTestSupport.newRealNameId(), "12345678", null, null), Instant.now(), null));
			OtpVerified answer = await(answers, Map.of(id, 1)).get(id).get(0);
			assertThat(answer.result()).isEqualTo(OtpVerificationResult.REFUSED);
			assertThat(answer.problem()).isEqualTo("no-token");
		}
	}

	private static OtpVerificationRequested request(OtpRequestId id, String realNameId, String code, String account,
			String amount) {
		return new OtpVerificationRequested(id, BANK,
				SEALER.seal(realNameId, OtpVerificationRequested.sealingContext(id, "realNameId")),
				OtpTokenKind.HARDWARE, SEALER.seal(code, OtpVerificationRequested.sealingContext(id, "code")), null,
				(account != null)
						? SEALER.seal(account, OtpVerificationRequested.sealingContext(id, "recipientAccount")) : null,
				(amount != null) ? new BigDecimal(amount) : null, null);
	}

	private static void send(EventEnvelope<OtpVerificationRequested> event) throws Exception {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.OTP_VERIFICATION_REQUESTED, event.key(), CODEC.encode(event)))
				.get(10, TimeUnit.SECONDS);
		}
	}

	private static KafkaConsumer<String, byte[]> consumer() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "otp-test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		consumer.subscribe(List.of(Topics.OTP_VERIFIED));
		return consumer;
	}

	/**
	 * Answers to {@code expected}'s requests, waiting until each has its count, then 2 s
	 * more for extras.
	 */
	private static Map<OtpRequestId, List<OtpVerified>> await(KafkaConsumer<String, byte[]> consumer,
			Map<OtpRequestId, Integer> expected) {
		Map<OtpRequestId, List<OtpVerified>> received = new HashMap<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		long quietUntil = Long.MAX_VALUE;
		while (System.nanoTime() < Math.min(deadline, quietUntil)) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				OtpVerified answer = CODEC.decode(record.value(), EventTopics.OTP_VERIFIED).payload();
				if (expected.containsKey(answer.requestId())) {
					received.computeIfAbsent(answer.requestId(), (k) -> new java.util.ArrayList<>()).add(answer);
				}
			}
			boolean all = expected.entrySet()
				.stream()
				.allMatch((e) -> received.getOrDefault(e.getKey(), List.of()).size() >= e.getValue());
			if (all && quietUntil == Long.MAX_VALUE) {
				quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			}
		}
		assertThat(received.keySet()).containsAll(expected.keySet());
		return received;
	}

}
