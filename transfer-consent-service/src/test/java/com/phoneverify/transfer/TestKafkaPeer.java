package com.phoneverify.transfer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.phoneverify.contracts.EventCodec;
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

/**
 * Another service played on the real embedded broker: reads its topics from their start
 * on a thread of its own (a group of its own, so every test class's peer sees every
 * record) and publishes what that service would.
 */
abstract class TestKafkaPeer implements AutoCloseable {

	static final EventCodec codec = new EventCodec();

	private final String name;

	private final List<String> topics;

	private final KafkaProducer<String, byte[]> producer;

	private volatile boolean running = true;

	TestKafkaPeer(String name, String... topics) {
		this.name = name;
		this.topics = List.of(topics);
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	/**
	 * Starts reading; a subclass calls it last in its constructor, once its fields are
	 * set.
	 */
	final void startReading() {
		Thread reader = new Thread(this::read, this.name);
		reader.setDaemon(true);
		reader.start();
	}

	/** One record of one of the topics, on the reader's thread. */
	abstract void onRecord(ConsumerRecord<String, byte[]> record);

	/** Publishes a record and waits until the broker has it. */
	final void send(String topic, String key, byte[] value) {
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
		config.put(ConsumerConfig.GROUP_ID_CONFIG, this.name + "-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(this.topics);
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					onRecord(record);
				}
			}
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.producer.close(Duration.ofSeconds(2));
	}

}
