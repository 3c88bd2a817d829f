package com.phoneverify.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.TransferCancelRequested;
import com.phoneverify.contracts.transfer.TransferCompleted;
import com.phoneverify.contracts.transfer.TransferMode;
import com.phoneverify.contracts.transfer.TransferRequested;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the gateway on the real broker: publishes {@code transfer-requested} and
 * {@code transfer-cancel-requested}, and reads every {@code transfer-completed}.
 */
final class TestGateway implements AutoCloseable {

	static final MerchantId MERCHANT = MerchantId.of("bank-channel");

	private static final EventCodec codec = new EventCodec();

	private final Sealer sealer;

	private final KafkaProducer<String, byte[]> producer;

	private final Map<String, List<TransferCompleted>> completed = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	TestGateway(Sealer sealer) {
		this.sealer = sealer;
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
		Thread reader = new Thread(this::read, "test-gateway");
		reader.setDaemon(true);
		reader.start();
	}

	private void read() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-gateway-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.TRANSFER_COMPLETED));
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					this.completed.computeIfAbsent(record.key(), (key) -> new CopyOnWriteArrayList<>())
						.add(codec.decode(record.value(), EventTopics.TRANSFER_COMPLETED).payload());
				}
			}
		}
	}

	EventEnvelope<TransferRequested> request(VerificationId id, String from, String password, long amount, String to,
			String phone) {
		return request(id, from, password, amount, to, phone, null);
	}

	/**
	 * A request with the remitter's hardware OTP code, sealed as the gateway seals it.
	 */
	EventEnvelope<TransferRequested> request(VerificationId id, String from, String password, long amount, String to,
			String phone, @org.jspecify.annotations.Nullable String otpCode) {
		com.phoneverify.contracts.transfer.TransferOtp otp = (otpCode != null)
				? new com.phoneverify.contracts.transfer.TransferOtp(
						com.phoneverify.contracts.otp.OtpTokenKind.HARDWARE,
						seal(id, "otp.realNameId", TransferConsentIntegrationTests.REAL_NAME_ID),
						seal(id, "otp.code", otpCode), null)
				: null;
		TransferRequested request = new TransferRequested(id, MERCHANT, TransferMode.PHISHING_GUARD, amount, "999",
				seal(id, "fromAccount", from), seal(id, "password", password), seal(id, "toAccount", to),
				seal(id, "recipientPhone", phone), null, null, null, false, Instant.now().plusSeconds(60), otp);
		EventEnvelope<TransferRequested> event = EventTopics.TRANSFER_REQUESTED.envelope(request, Instant.now(), null);
		send(Topics.TRANSFER_REQUESTED, event.key(), codec.encode(event));
		return event;
	}

	void resend(EventEnvelope<TransferRequested> event) {
		send(Topics.TRANSFER_REQUESTED, event.key(), codec.encode(event));
	}

	void cancel(VerificationId id) {
		EventEnvelope<TransferCancelRequested> event = EventTopics.TRANSFER_CANCEL_REQUESTED
			.envelope(new TransferCancelRequested(id, MERCHANT), Instant.now(), null);
		send(Topics.TRANSFER_CANCEL_REQUESTED, event.key(), codec.encode(event));
	}

	/** The one result of a request; fails if none comes or more than one. */
	TransferCompleted awaitCompleted(VerificationId id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		while (System.nanoTime() < deadline && !this.completed.containsKey(id.toString())) {
			TestRelay.sleep(50);
		}
		List<TransferCompleted> results = this.completed.get(id.toString());
		assertThat(results).as("transfer-completed of " + id).isNotNull();
		TestRelay.sleep(1500);
		assertThat(results).hasSize(1);
		return results.get(0);
	}

	private com.phoneverify.contracts.sealed.SealedValue seal(VerificationId id, String field, String value) {
		return this.sealer.seal(value, TransferRequested.sealingContext(id, field));
	}

	private void send(String topic, String key, byte[] value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.producer.close(Duration.ofSeconds(2));
	}

}
