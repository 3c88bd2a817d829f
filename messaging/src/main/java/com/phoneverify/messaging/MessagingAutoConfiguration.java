package com.phoneverify.messaging;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.messaging.consume.DeadLetters;
import com.phoneverify.messaging.consume.ListenerContainers;
import com.phoneverify.messaging.produce.EventPublisher;
import com.phoneverify.messaging.produce.ProducerSettings;
import com.phoneverify.messaging.topic.TopicDeclarations;
import com.phoneverify.messaging.trace.TraceLogging;
import org.apache.kafka.clients.admin.NewTopic;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The producer, the publisher, dead letters, listener containers and topic declarations
 * of a service, from {@link MessagingProperties}. It runs before Spring Boot's Kafka
 * auto-configuration so that the one {@code kafkaTemplate} is ours.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

	static {
		TraceLogging.registerWithReactor();
	}

	@Bean
	@ConditionalOnMissingBean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean
	KafkaTemplate<String, byte[]> kafkaTemplate(KafkaProperties kafka, MessagingProperties properties) {
		return ProducerSettings.template(kafka.buildProducerProperties(), properties.producer());
	}

	@Bean(destroyMethod = "close")
	EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafkaTemplate, EventCodec codec,
			MessagingProperties properties) {
		return new EventPublisher(kafkaTemplate, codec,
				Schedulers.newBoundedElastic(properties.producer().sendThreads(), Integer.MAX_VALUE, "kafka-send"),
				properties.produces().keySet());
	}

	@Bean
	DeadLetters deadLetters(KafkaTemplate<String, byte[]> kafkaTemplate, EventPublisher publisher,
			MessagingProperties properties) {
		return new DeadLetters(kafkaTemplate, publisher, properties.consumer().retryBackoff(),
				properties.consumer().retryMaxBackoff());
	}

	@Bean
	ListenerContainers listenerContainers(KafkaProperties kafka, DeadLetters deadLetters) {
		return new ListenerContainers(kafka.buildConsumerProperties(), deadLetters);
	}

	@Bean
	KafkaAdmin.NewTopics messagingTopics(MessagingProperties properties) {
		return new KafkaAdmin.NewTopics(TopicDeclarations.of(properties).toArray(NewTopic[]::new));
	}

}
