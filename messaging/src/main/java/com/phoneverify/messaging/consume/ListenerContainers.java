package com.phoneverify.messaging.consume;

import java.util.HashMap;
import java.util.Map;

import com.phoneverify.messaging.trace.TraceRecordInterceptor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Builds the listener container factories of a service, one per consumer group, all
 * alike: String keys and byte values (decoded by the listener, so a malformed value is
 * poison and not a deserializer crash), offsets committed by the container after the
 * listener returns (never auto-committed), the dead-letter rule of {@link DeadLetters},
 * and the record's trace context in the log MDC.
 */
public final class ListenerContainers {

	private final Map<String, Object> consumerBase;

	private final DeadLetters deadLetters;

	/**
	 * @param consumerBase what {@code spring.kafka.consumer} says (bootstrap servers,
	 * security)
	 */
	public ListenerContainers(Map<String, Object> consumerBase, DeadLetters deadLetters) {
		this.consumerBase = Map.copyOf(consumerBase);
		this.deadLetters = deadLetters;
	}

	/** Where a group without committed offsets starts. */
	public enum StartFrom {

		/** Every record still on the topic: for events that must all be applied. */
		EARLIEST,

		/** Only records from now on: for notifications that matter only while fresh. */
		LATEST

	}

	/**
	 * A factory for listeners of {@code group}, which commit each record once the
	 * listener returned ({@code RECORD} acks) and dead-letter poison.
	 */
	public ConcurrentKafkaListenerContainerFactory<String, byte[]> forGroup(String group, StartFrom start) {
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumerConfig(group, start),
				new StringDeserializer(), new ByteArrayDeserializer()));
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
		factory.setCommonErrorHandler(this.deadLetters.errorHandler(group));
		factory.setRecordInterceptor(new TraceRecordInterceptor<>());
		consumeIn(group, factory);
		return factory;
	}

	/**
	 * A factory for a listener that acknowledges by itself ({@code MANUAL} acks, e.g.
	 * through {@link InOrderAcks}) and so never throws to its container: it dead-letters
	 * with {@link DeadLetters#publish}. At most {@code maxPollRecords} per poll, since a
	 * paused container still delivers the rest of its last poll.
	 */
	public ConcurrentKafkaListenerContainerFactory<String, byte[]> forManualAcks(String group, StartFrom start,
			int maxPollRecords) {
		Map<String, Object> config = consumerConfig(group, start);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(
				new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer()));
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
		factory.setCommonErrorHandler(this.deadLetters.errorHandler(group));
		factory.setRecordInterceptor(new TraceRecordInterceptor<>());
		consumeIn(group, factory);
		return factory;
	}

	/**
	 * The group is the factory's, whatever the listener says: a {@code @KafkaListener}
	 * with an {@code id} consumes in a group named after that id unless it sets
	 * {@code idIsGroup = false}, so the service would commit its offsets under a group
	 * that is not the one configured (and whose dead-letter topic nobody declared).
	 */
	private static void consumeIn(String group, ConcurrentKafkaListenerContainerFactory<String, byte[]> factory) {
		factory.setContainerCustomizer((container) -> container.getContainerProperties().setGroupId(group));
	}

	private Map<String, Object> consumerConfig(String group, StartFrom start) {
		Map<String, Object> config = new HashMap<>(this.consumerBase);
		config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
		config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, start.name().toLowerCase(java.util.Locale.ROOT));
		return config;
	}

}
