package com.phoneverify.interop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.ars.ArsCallApplication;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
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

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ars-call-service against baresip, an independent SIP phone (Debian's baresip package)
 * that answers by itself: scenario A reads the code to it, and for type C it types the
 * code as RFC 4733 telephone-events, which the service must hear and verify. Each call
 * ends with our BYE, which baresip must log as the end of an established call.
 */
class BaresipInteropIT {

	private static final String NUMBER = "+821055501259";

	private static final Pattern ESTABLISHED = Pattern.compile("Call established: sip:ars@127\\.0\\.0\\.1:\\d+");

	private static final Pattern HEARS_US = Pattern.compile("incoming rtp for 'audio' established");

	/** baresip's words for a BYE from the other side. */
	private static final Pattern WE_HUNG_UP = Pattern.compile("session closed: Connection reset by peer");

	private static final Pattern TERMINATED = Pattern
		.compile("Call with sip:ars@127\\.0\\.0\\.1:\\d+ terminated \\(duration: (\\d+) secs?\\)");

	/**
	 * A key of this test's own: every service started here reads {@code auth-requested}
	 * from the start and dead-letters, rather than calls, what other tests sealed.
	 */
	private final String key = randomKey();

	private final Sealer sealer = Sealer.of(Map.of("interop", this.key), "interop");

	private final EventCodec codec = new EventCodec();

	private final EmbeddedInfra infra = EmbeddedInfra.shared();

	@Test
	void baresipAnswersAndHearsTheCodeOfScenarioA() throws Exception {
		try (BaresipPhone baresip = BaresipPhone.autoAnswering(NUMBER);
				ConfigurableApplicationContext service = startService(baresip.sipPort(), "a")) {
			VerificationId id = VerificationId.random();
			publish(authRequested(id, ArsScenario.A, "482913"));

			CallCompleted completed = awaitCallCompleted(id, Duration.ofSeconds(90));

			assertThat(completed.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(completed.scenarioResult()).isEqualTo(ScenarioResult.CODE_DELIVERED);
			assertThat(completed.sipStatus()).isEqualTo(200);
			assertThat(completed.timings().answerMillis()).as("answered at once").isNotNull().isBetween(0L, 5_000L);
			assertThat(completed.timings().totalMillis()).as("the greeting and the code read twice")
				.isBetween(completed.timings().answerMillis() + 5_000, 60_000L);
			assertThatBaresipHadTheWholeCall(baresip, completed);
		}
	}

	@Test
	void typeCVerifiesTheCodeThatBaresipTypes() throws Exception {
		try (BaresipPhone baresip = BaresipPhone.autoAnswering(NUMBER);
				ConfigurableApplicationContext service = startService(baresip.sipPort(), "c")) {
			VerificationId id = VerificationId.random();
			publish(authRequested(id, ArsScenario.C, "482913"));
			baresip.awaitLog(ESTABLISHED, Duration.ofSeconds(60));

			// typed while the greeting plays, as a customer who knows the drill does
			baresip.pressKeys("482913", Duration.ofMillis(300));

			CallCompleted completed = awaitCallCompleted(id, Duration.ofSeconds(90));
			assertThat(completed.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(completed.scenarioResult()).as("the keys baresip sent were 4 8 2 9 1 3%n%s", baresip.output())
				.isEqualTo(ScenarioResult.VERIFIED);
			assertThat(completed.sipStatus()).isEqualTo(200);
			assertThatBaresipHadTheWholeCall(baresip, completed);
		}
	}

	private static void assertThatBaresipHadTheWholeCall(BaresipPhone baresip, CallCompleted completed)
			throws Exception {
		baresip.awaitLog(ESTABLISHED, Duration.ofSeconds(1));
		baresip.awaitLog(HEARS_US, Duration.ofSeconds(1));
		baresip.awaitLog(WE_HUNG_UP, Duration.ofSeconds(5));
		Matcher terminated = TERMINATED.matcher(baresip.awaitLog(TERMINATED, Duration.ofSeconds(5)));
		assertThat(terminated.find()).isTrue();
		long talkedMillis = completed.timings().totalMillis() - completed.timings().answerMillis();
		assertThat(Long.parseLong(terminated.group(1)) * 1000).as("baresip's call duration")
			.isBetween(talkedMillis - 2_000, talkedMillis + 2_000);
	}

	private ConfigurableApplicationContext startService(int baresipPort, String name) {
		return new SpringApplicationBuilder(ArsCallApplication.class)
			.initializers(new EmbeddedInfraInitializer(this.infra))
			.run("--server.port=0", "--ars.sip.local-port=0", "--ars.sip.trunk=127.0.0.1:" + baresipPort,
					"--ars.sealing.keys.interop=" + this.key, "--ars.sealing.current-key-id=interop",
					"--ars.consumer-group=ars-interop-baresip-" + name,
					"--ars.outcomes.consumer-group=ars-interop-baresip-outcomes-" + name,
					"--ars.prompts.cache-dir=target/prompt-cache");
	}

	private static String randomKey() {
		byte[] bytes = new byte[32];
		new java.security.SecureRandom().nextBytes(bytes);
		return java.util.Base64.getEncoder().encodeToString(bytes);
	}

	private AuthRequested authRequested(VerificationId id, ArsScenario scenario, String code) {
		Instant now = Instant.now();
		return AuthRequested.of(id, MerchantId.of("interop-shop"), scenario,
				this.sealer.seal(NUMBER, AuthRequested.sealingContext(id, "phone")),
				this.sealer.seal(code, AuthRequested.sealingContext(id, "code")), null, code.length(),
				now.plus(Duration.ofMinutes(3)), now, null);
	}

	private void publish(AuthRequested event) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.infra.kafkaBootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
			producer.send(new ProducerRecord<>(Topics.AUTH_REQUESTED, event.key(), this.codec.encode(event))).get();
		}
	}

	private CallCompleted awaitCallCompleted(VerificationId id, Duration timeout) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.infra.kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "interop-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.CALL_COMPLETED));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (id.toString().equals(record.key())) {
						return this.codec.decode(record.value(), CallCompleted.class);
					}
				}
			}
		}
		throw new AssertionError("no call-completed for " + id + " within " + timeout);
	}

}
