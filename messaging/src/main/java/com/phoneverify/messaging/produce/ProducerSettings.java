package com.phoneverify.messaging.produce;

import java.util.HashMap;
import java.util.Map;

import com.phoneverify.messaging.MessagingProperties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The one producer configuration of the suite. */
public final class ProducerSettings {

	private ProducerSettings() {
	}

	/**
	 * A template over {@code base} (what {@code spring.kafka.producer} says) with what no
	 * service may change: String keys, byte values (EventCodec JSON), acks from all
	 * in-sync replicas, idempotence; and the documented defaults of
	 * {@code messaging.producer}.
	 */
	public static KafkaTemplate<String, byte[]> template(Map<String, Object> base,
			MessagingProperties.Producer producer) {
		Map<String, Object> config = new HashMap<>(base);
		config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
		config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) producer.maxBlock().toMillis());
		config.put(ProducerConfig.LINGER_MS_CONFIG, (int) producer.linger().toMillis());
		return new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer()));
	}

}
