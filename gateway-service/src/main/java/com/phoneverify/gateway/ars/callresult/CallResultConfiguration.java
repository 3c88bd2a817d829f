package com.phoneverify.gateway.ars.callresult;

import com.phoneverify.contracts.Topics;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.consume.ListenerContainers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * The listener container of {@code call-completed}, in the consumer group that
 * {@code messaging.consumes.call-completed} names (default {@code gateway-service}); it
 * starts from the earliest offset, since every call result must be applied.
 */
@Configuration(proxyBeanMethods = false)
class CallResultConfiguration {

	static final String CONTAINER_FACTORY = "callCompletedContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> callCompletedContainerFactory(ListenerContainers containers,
			MessagingProperties properties) {
		String group = properties.consumes().get(Topics.CALL_COMPLETED);
		if (group == null) {
			throw new IllegalStateException("messaging.consumes.call-completed must name the consumer group");
		}
		return containers.forGroup(group, ListenerContainers.StartFrom.EARLIEST);
	}

}
