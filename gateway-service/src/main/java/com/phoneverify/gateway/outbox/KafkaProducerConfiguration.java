package com.phoneverify.gateway.outbox;

import java.util.Map;

import com.phoneverify.contracts.Topics;
import com.phoneverify.gateway.GatewayProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The producer: idempotent, acks=all, {@code max.block.ms} 5 s, String keys (verification
 * ids) and byte values ({@code EventCodec} JSON), whatever {@code spring.kafka.producer}
 * says about serializers. And the topics this service publishes to.
 */
@Configuration(proxyBeanMethods = false)
class KafkaProducerConfiguration {

	@Bean
	KafkaTemplate<String, byte[]> kafkaTemplate(KafkaProperties kafka) {
		Map<String, Object> config = kafka.buildProducerProperties();
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
		// send() blocks its caller this long at most when metadata is missing or the
		// buffer
		// is full (the default is 60 s); the relay then rolls back and tries again
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config,
				new StringSerializer(), new ByteArraySerializer());
		return new KafkaTemplate<>(factory);
	}

	@Bean
	KafkaAdmin.NewTopics gatewayTopics(GatewayProperties properties) {
		GatewayProperties.Kafka kafka = properties.kafka();
		return new KafkaAdmin.NewTopics(topic(Topics.AUTH_REQUESTED, kafka), topic(Topics.VERIFICATION_OUTCOMES, kafka),
				topic(Topics.CALL_COMPLETED, kafka),
				topic(Topics.deadLetterOf(Topics.CALL_COMPLETED, kafka.consumerGroup()), kafka));
	}

	private static NewTopic topic(String name, GatewayProperties.Kafka kafka) {
		return TopicBuilder.name(name).partitions(kafka.partitions()).replicas(kafka.replicas()).build();
	}

}
