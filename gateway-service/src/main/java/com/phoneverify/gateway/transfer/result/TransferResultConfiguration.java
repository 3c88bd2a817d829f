package com.phoneverify.gateway.transfer.result;

import com.phoneverify.contracts.Topics;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.consume.ListenerContainers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * The listener container of {@code transfer-completed}, in the group
 * {@code messaging.consumes.transfer-completed} names; from the earliest offset, since
 * every result must be applied.
 */
@Configuration(proxyBeanMethods = false)
class TransferResultConfiguration {

	static final String CONTAINER_FACTORY = "transferCompletedContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> transferCompletedContainerFactory(
			ListenerContainers containers, MessagingProperties properties) {
		String group = properties.consumes().get(Topics.TRANSFER_COMPLETED);
		if (group == null) {
			throw new IllegalStateException("messaging.consumes.transfer-completed must name the consumer group");
		}
		return containers.forGroup(group, ListenerContainers.StartFrom.EARLIEST);
	}

}
