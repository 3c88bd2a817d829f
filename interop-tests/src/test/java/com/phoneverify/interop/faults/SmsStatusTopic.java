package com.phoneverify.interop.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.contracts.sms.SmsStatusChanged;
import com.phoneverify.contracts.topics.EventTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code sms-status} from its beginning in the background, as transfer-consent
 * service would (a group of its own), and keeps every event by message id, in the order
 * of the topic (one message's events are on one partition).
 */
final class SmsStatusTopic implements AutoCloseable {

	private final Map<String, List<EventEnvelope<SmsStatusChanged>>> byMessage = new ConcurrentHashMap<>();

	private final String bootstrapServers;

	private final Thread reader;

	private volatile boolean running = true;

	SmsStatusTopic(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
		this.reader = new Thread(this::read, "faults-sms-status");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	private void read() {
		EventCodec codec = new EventCodec();
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "faults-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.SMS_STATUS));
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					this.byMessage.computeIfAbsent(record.key(), key -> new CopyOnWriteArrayList<>())
						.add(codec.decode(record.value(), EventTopics.SMS_STATUS));
				}
			}
		}
	}

	/** The message's events in the topic's order, redeliveries included. */
	List<EventEnvelope<SmsStatusChanged>> events(UUID messageId) {
		return List.copyOf(this.byMessage.getOrDefault(messageId.toString(), List.of()));
	}

	/** The statuses of the message's distinct events (a redelivered event once). */
	List<SmsDeliveryStatus> statuses(UUID messageId) {
		List<UUID> seen = new ArrayList<>();
		List<SmsDeliveryStatus> statuses = new ArrayList<>();
		for (EventEnvelope<SmsStatusChanged> event : events(messageId)) {
			if (!seen.contains(event.eventId())) {
				seen.add(event.eventId());
				statuses.add(event.payload().status());
			}
		}
		return statuses;
	}

	boolean delivered(UUID messageId) {
		return statuses(messageId).contains(SmsDeliveryStatus.DELIVERED);
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.reader.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
