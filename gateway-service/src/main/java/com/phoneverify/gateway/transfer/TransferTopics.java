package com.phoneverify.gateway.transfer;

import com.phoneverify.contracts.Topics;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.topic.ProducedTopics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics the transfer feature publishes must be declared: checked at start-up. */
@Configuration(proxyBeanMethods = false)
class TransferTopics {

	@Bean
	ProducedTopics transferProducedTopics(MessagingProperties messaging) {
		return ProducedTopics.require(messaging, Topics.TRANSFER_REQUESTED, Topics.TRANSFER_CANCEL_REQUESTED);
	}

}
