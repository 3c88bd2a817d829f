package com.phoneverify.interop;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.phoneverify.ars.ArsCallApplication;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
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

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Plays the gateway for the interop tests: starts ars-call-service against a phone, asks
 * it for calls on {@code auth-requested} and reads their {@code call-completed}.
 */
final class CallServiceDriver {

	/**
	 * A key of this driver's own: every service started here reads {@code auth-requested}
	 * from the start and dead-letters, rather than calls, what other tests sealed.
	 */
	private final String key = randomKey();

	private final Sealer sealer = Sealer.of(Map.of("interop", this.key), "interop");

	private final EventCodec codec = new EventCodec();

	private final EmbeddedInfra infra = EmbeddedInfra.shared();

	/**
	 * @param name unique per test: it names the service's consumer groups
	 */
	ConfigurableApplicationContext startService(int phonePort, String name) {
		return startService(phonePort, name, new String[0]);
	}

	/**
	 * @param name unique per test: it names the service's consumer groups
	 * @param settings further arguments, e.g. {@code --ars.sip.ring-timeout=2s}
	 */
	ConfigurableApplicationContext startService(int phonePort, String name, String... settings) {
		List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--ars.sip.local-port=0",
				"--ars.sip.trunk=127.0.0.1:" + phonePort, "--ars.sealing.keys.interop=" + this.key,
				"--ars.sealing.current-key-id=interop", "--messaging.consumes.auth-requested=ars-interop-" + name,
				"--messaging.consumes.verification-outcomes=ars-interop-outcomes-" + name,
				"--ars.prompts.cache-dir=target/prompt-cache"));
		args.addAll(List.of(settings));
		return new SpringApplicationBuilder(ArsCallApplication.class)
			.initializers(new EmbeddedInfraInitializer(this.infra))
			.run(args.toArray(String[]::new));
	}

	/**
	 * Asks for a call to {@code number}, with {@code code} to read out (A, B) or expect
	 * (C).
	 */
	void requestCall(VerificationId id, ArsScenario scenario, String number, String code) throws Exception {
		Instant now = Instant.now();
		EventEnvelope<AuthRequested> event = EventTopics.AUTH_REQUESTED
			.envelope(new AuthRequested(id, MerchantId.of("interop-shop"), scenario,
					this.sealer.seal(number, AuthRequested.sealingContext(id, "phone")),
					this.sealer.seal(code, AuthRequested.sealingContext(id, "code")), null, code.length(),
					now.plus(Duration.ofMinutes(3))), now, null);
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.infra.kafkaBootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
			producer.send(new ProducerRecord<>(Topics.AUTH_REQUESTED, event.key(), this.codec.encode(event))).get();
		}
	}

	CallCompleted awaitCallCompleted(VerificationId id, Duration timeout) {
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
						return this.codec.decode(record.value(), EventTopics.CALL_COMPLETED).payload();
					}
				}
			}
		}
		throw new AssertionError("no call-completed for " + id + " within " + timeout);
	}

	private static String randomKey() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
