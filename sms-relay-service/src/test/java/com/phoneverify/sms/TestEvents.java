package com.phoneverify.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.embedded.EmbeddedInfra;
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
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' side of the broker: publishes {@code sms-outbound} requests as
 * transfer-consent-service would, and reads every {@code sms-status},
 * {@code consent-replied} and {@code sms-inbound} event in the background.
 */
final class TestEvents implements AutoCloseable {

	static final String KEY_ID = "sms-it";

	static final String KEY = "c21zLXJlbGF5LWludGVncmF0aW9uLXRlc3Qta2V5LTE=";

	static final Sealer SEALER = Sealer.of(Map.of(KEY_ID, KEY), KEY_ID);

	static final String SENDER = "15881234";

	static final String TWO_WAY = "15889999";

	private static final EventCodec codec = new EventCodec();

	private final KafkaProducer<String, byte[]> producer;

	private final Map<String, List<EventEnvelope<?>>> byKey = new ConcurrentHashMap<>();

	private final List<EventEnvelope<?>> inbound = new CopyOnWriteArrayList<>();

	/** Keys of the records on sms-outbound's dead-letter topic. */
	private final List<String> deadLetters = new CopyOnWriteArrayList<>();

	static final String DEAD_LETTERS = Topics.deadLetterOf(Topics.SMS_OUTBOUND, "sms-relay-service");

	private volatile boolean running = true;

	private final Thread reader;

	TestEvents() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
		this.reader = new Thread(this::read, "sms-it-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static String randomMobile() {
		return "+8210" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	static String digits(String e164) {
		return e164.substring(1);
	}

	/** Publishes a request and returns its message id. */
	SmsMessageId request(String sender, String to, String text, @Nullable TransferId replyFor, Duration ttl) {
		SmsMessageId id = SmsMessageId.random();
		SmsRequested request = new SmsRequested(id, SmsKind.SMS, sender,
				SEALER.seal(to, SmsRequested.sealingContext(id, "to")),
				SEALER.seal(text, SmsRequested.sealingContext(id, "text")), replyFor, Instant.now().plus(ttl));
		send(Topics.SMS_OUTBOUND, id.toString(),
				codec.encode(EventTopics.SMS_OUTBOUND.envelope(request, Instant.now(), null)));
		return id;
	}

	SmsMessageId request(String to, String text) {
		return request(SENDER, to, text, null, Duration.ofMinutes(5));
	}

	void send(String topic, String key, byte[] value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void read() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "sms-it-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.SMS_STATUS, Topics.CONSENT_REPLIED, Topics.SMS_INBOUND, DEAD_LETTERS));
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.topic().equals(DEAD_LETTERS)) {
						this.deadLetters.add(record.key());
						continue;
					}
					EventEnvelope<?> event = switch (record.topic()) {
						case Topics.SMS_STATUS -> codec.decode(record.value(), EventTopics.SMS_STATUS);
						case Topics.CONSENT_REPLIED -> codec.decode(record.value(), EventTopics.CONSENT_REPLIED);
						default -> codec.decode(record.value(), EventTopics.SMS_INBOUND);
					};
					if (record.topic().equals(Topics.SMS_INBOUND)) {
						this.inbound.add(event);
					}
					this.byKey.computeIfAbsent(record.key(), (key) -> new CopyOnWriteArrayList<>()).add(event);
				}
			}
		}
	}

	/**
	 * Gives the reader time to join (it reads from the earliest offset, so nothing is
	 * missed).
	 */
	void awaitReady() {
		sleep(3000);
	}

	List<EventEnvelope<?>> events(Object key) {
		return List.copyOf(this.byKey.getOrDefault(key.toString(), List.of()));
	}

	List<String> deadLetters() {
		return List.copyOf(this.deadLetters);
	}

	List<EventEnvelope<?>> inbound() {
		return List.copyOf(this.inbound);
	}

	static void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
			sleep(100);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.producer.close();
	}

}
