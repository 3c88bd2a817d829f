package com.phoneverify.interop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
 * The SMS relay's topics as transfer-consent-service sees them: publishes
 * {@code sms-outbound} requests and reads {@code sms-status} and {@code consent-replied}.
 */
final class SmsEvents implements AutoCloseable {

	static final String KEY_ID = "interop";

	static final String KEY = "aW50ZXJvcC1zbXMtcmVsYXktdGVzdC1rZXktMzJieXQ=";

	static final Sealer SEALER = Sealer.of(Map.of(KEY_ID, KEY), KEY_ID);

	private static final EventCodec codec = new EventCodec();

	private final KafkaProducer<String, byte[]> producer;

	private final Map<String, List<EventEnvelope<?>>> byKey = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	SmsEvents() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
		Thread reader = new Thread(this::read, "sms-interop-reader");
		reader.setDaemon(true);
		reader.start();
	}

	SmsMessageId request(String sender, String to, String text, @Nullable TransferId replyFor) {
		SmsMessageId id = SmsMessageId.random();
		SmsRequested request = new SmsRequested(id, SmsKind.SMS, sender,
				SEALER.seal(to, SmsRequested.sealingContext(id, "to")),
				SEALER.seal(text, SmsRequested.sealingContext(id, "text")), replyFor,
				Instant.now().plus(Duration.ofMinutes(5)));
		try {
			this.producer
				.send(new ProducerRecord<>(Topics.SMS_OUTBOUND, id.toString(),
						codec.encode(EventTopics.SMS_OUTBOUND.envelope(request, Instant.now(), null))))
				.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return id;
	}

	private void read() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "sms-interop-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.SMS_STATUS, Topics.CONSENT_REPLIED));
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					EventEnvelope<?> event = record.topic().equals(Topics.SMS_STATUS)
							? codec.decode(record.value(), EventTopics.SMS_STATUS)
							: codec.decode(record.value(), EventTopics.CONSENT_REPLIED);
					this.byKey.computeIfAbsent(record.key(), (key) -> new CopyOnWriteArrayList<>()).add(event);
				}
			}
		}
	}

	List<Object> payloads(Object key) {
		return this.byKey.getOrDefault(key.toString(), List.of())
			.stream()
			.map((event) -> (Object) event.payload())
			.toList();
	}

	static void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.producer.close();
	}

}
