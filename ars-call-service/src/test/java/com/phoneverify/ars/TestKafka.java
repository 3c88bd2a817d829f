package com.phoneverify.ars;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallCompleted;
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

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/** The integration tests' side of the embedded Kafka broker. */
final class TestKafka {

	/**
	 * The lock of the test classes whose service reads {@code auth-requested}: they run
	 * one after the other (their tests still run concurrently).
	 */
	static final String AUTH_REQUESTED_READERS = "auth-requested readers";

	private static final EventCodec codec = new EventCodec();

	private TestKafka() {
	}

	static void send(String topic, String key, byte[] value) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Sends many records with one producer, in order. */
	static void sendAll(String topic, Map<String, byte[]> records) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
			records.forEach((key, value) -> sent.add(producer.send(new ProducerRecord<>(topic, key, value))));
			for (java.util.concurrent.Future<?> one : sent) {
				one.get(10, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A consumer of its own group, reading from the earliest offset. */
	static KafkaConsumer<String, byte[]> consumer() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "ars-it-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	static ConsumerRecord<String, byte[]> pollFor(KafkaConsumer<String, byte[]> consumer, String key,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				if (key.equals(record.key())) {
					return record;
				}
			}
		}
		throw new AssertionError("no record with key " + key + " within " + timeout);
	}

	/** Waits until the service's listener containers have their partitions. */
	static void awaitAssignment(KafkaListenerEndpointRegistry registry, String... containerIds) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		for (String id : containerIds) {
			MessageListenerContainer container = registry.getListenerContainer(id);
			while (container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty()) {
				assertThat(System.nanoTime()).as("partitions assigned to %s", id).isLessThan(deadline);
				sleep(100);
			}
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

	/** Every call-completed event, read by one background consumer. */
	static final class Completed {

		private final Map<String, List<CallCompleted>> byKey = new ConcurrentHashMap<>();

		Completed() {
			Thread reader = new Thread(this::read, "call-completed-reader");
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (KafkaConsumer<String, byte[]> consumer = consumer()) {
				consumer.subscribe(List.of(Topics.CALL_COMPLETED));
				while (true) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
						this.byKey.computeIfAbsent(record.key(), (key) -> new CopyOnWriteArrayList<>())
							.add(codec.decode(record.value(), EventTopics.CALL_COMPLETED).payload());
					}
				}
			}
		}

		/** The one event of this verification; fails if none or more than one comes. */
		CallCompleted await(VerificationId id, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline && !this.byKey.containsKey(id.toString())) {
				sleep(100);
			}
			List<CallCompleted> events = this.byKey.get(id.toString());
			assertThat(events).as("call-completed for " + id).isNotNull();
			sleep(300);
			assertThat(events).hasSize(1);
			return events.get(0);
		}

		/** How many events of this verification arrived (so far). */
		int count(VerificationId id) {
			List<CallCompleted> events = this.byKey.get(id.toString());
			return (events != null) ? events.size() : 0;
		}

		/** Whether any event of this verification arrived (so far). */
		boolean arrived(VerificationId id) {
			return this.byKey.containsKey(id.toString());
		}

	}

}
