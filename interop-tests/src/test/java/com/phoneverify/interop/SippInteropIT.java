package com.phoneverify.interop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

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
 * ars-call-service against an independent SIP/RTP implementation, SIPp from Debian's
 * sip-tester, playing phones from our scenario files: one answers and types 1 2 5 9 by
 * replaying the RFC 2833 captures shipped with sip-tester, which the Type C scenario must
 * hear and verify; one repeats its 200 OK after our ACK, which must be ACKed again. Each
 * call ends with a BYE that SIPp accepts.
 */
class SippInteropIT {

	/**
	 * A key of this test's own: every service started here reads {@code auth-requested}
	 * from the start and dead-letters, rather than calls, what other tests sealed.
	 */
	private final String key = randomKey();

	private final Sealer sealer = Sealer.of(Map.of("interop", this.key), "interop");

	private final EventCodec codec = new EventCodec();

	private final EmbeddedInfra infra = EmbeddedInfra.shared();

	@Test
	void verifiesTheCodeThatSippTypesFromTheShippedRfc2833Captures() throws Exception {
		try (SippPhone sipp = SippPhone.answer("/sipp/uas-rfc2833-digits.xml");
				ConfigurableApplicationContext service = startService(sipp.sipPort(), "digits")) {
			VerificationId id = VerificationId.random();
			publish(authRequested(id, ArsScenario.C, "1259"));

			CallCompleted completed = awaitCallCompleted(id, Duration.ofSeconds(90));

			assertThat(completed.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(completed.scenarioResult()).as("the keys SIPp sent were 1 2 5 9")
				.isEqualTo(ScenarioResult.VERIFIED);
			assertThat(completed.sipStatus()).isEqualTo(200);
			assertThat(completed.timings().answerMillis()).isNotNull();
			assertThat(sipp.awaitExit(30)).as("SIPp saw the call through to our BYE:%n%s", sipp.output()).isZero();
		}
	}

	@Test
	void acksThe200OkAgainWhenThePhoneRepeatsIt() throws Exception {
		// -nr: SIPp would take our second, identical ACK for a retransmission of the
		// first
		try (SippPhone sipp = SippPhone.answer("/sipp/uas-retransmitted-200.xml", "-nr");
				ConfigurableApplicationContext service = startService(sipp.sipPort(), "retransmitted-200")) {
			VerificationId id = VerificationId.random();
			publish(authRequested(id, ArsScenario.A, "4821"));

			CallCompleted completed = awaitCallCompleted(id, Duration.ofSeconds(90));

			assertThat(completed.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(completed.scenarioResult()).isEqualTo(ScenarioResult.CODE_DELIVERED);
			assertThat(completed.sipStatus()).isEqualTo(200);
			assertThat(sipp.awaitExit(30))
				.as("SIPp got an ACK for each 200 OK (RFC 3261 §13.2.2.4), then our BYE:%n%s", sipp.output())
				.isZero();
		}
	}

	private ConfigurableApplicationContext startService(int sippPort, String name) {
		return new SpringApplicationBuilder(ArsCallApplication.class)
			.initializers(new EmbeddedInfraInitializer(this.infra))
			.run("--server.port=0", "--ars.sip.local-port=0", "--ars.sip.trunk=127.0.0.1:" + sippPort,
					"--ars.sealing.keys.interop=" + this.key, "--ars.sealing.current-key-id=interop",
					"--ars.consumer-group=ars-interop-sipp-" + name,
					"--ars.outcomes.consumer-group=ars-interop-sipp-outcomes-" + name,
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
				this.sealer.seal("+821055501259", AuthRequested.sealingContext(id, "phone")),
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
