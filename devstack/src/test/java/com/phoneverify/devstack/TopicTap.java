package com.phoneverify.devstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the start, in the background, like a merchant's internal consumer.
 */
final class TopicTap implements AutoCloseable {

	private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread poller;

	TopicTap(String bootstrapServers, List<String> topics) {
		Properties config = new Properties();
		config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
				"e2e-tap-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000"));
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		this.poller = new Thread(() -> {
			try (consumer) {
				consumer.subscribe(topics);
				while (this.running.get()) {
					consumer.poll(Duration.ofMillis(100)).forEach(this.records::add);
				}
			}
		}, "e2e-topic-tap");
		this.poller.setDaemon(true);
		this.poller.start();
	}

	List<byte[]> valuesFor(String topic, String key) {
		return this.records.stream()
			.filter(record -> record.topic().equals(topic) && key.equals(record.key()))
			.map(ConsumerRecord::value)
			.toList();
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.poller.join(5000);
	}

}
