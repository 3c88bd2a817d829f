package com.phoneverify.gateway;

import java.time.Clock;

import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.topic.ProducedTopics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Beans shared by several features. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean(Sealers.AT_REST)
	Sealer atRestSealer(GatewayProperties properties) {
		return sealer("at-rest", properties.sealing().atRest());
	}

	@Bean(Sealers.EVENTS)
	Sealer eventSealer(GatewayProperties properties) {
		return sealer("events", properties.sealing().events());
	}

	/** The ring {@code gateway.sealing.<name>}; the gateway does not start without it. */
	private static Sealer sealer(String name, GatewayProperties.KeyRing ring) {
		if (!ring.isSet()) {
			throw new IllegalStateException("configure gateway.sealing." + name
					+ ".keys.<id> (Base64 of 32 random bytes) and gateway.sealing." + name + ".current-key-id");
		}
		return Sealer.of(ring.keys(), ring.currentKeyId());
	}

	/** The topics the gateway publishes to must be declared: checked at start-up. */
	@Bean
	ProducedTopics producedTopics(MessagingProperties messaging) {
		return ProducedTopics.require(messaging, Topics.AUTH_REQUESTED, Topics.VERIFICATION_OUTCOMES);
	}

	@Bean
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
	}

}
