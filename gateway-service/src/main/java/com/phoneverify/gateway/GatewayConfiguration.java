package com.phoneverify.gateway;

import java.time.Clock;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.sealed.Sealer;

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

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean
	Sealer sealer(GatewayProperties properties) {
		GatewayProperties.Sealing sealing = properties.sealing();
		if (sealing.keys() == null || sealing.keys().isEmpty() || sealing.currentKeyId() == null) {
			throw new IllegalStateException("gateway.sealing.keys and gateway.sealing.current-key-id must be set");
		}
		return Sealer.of(sealing.keys(), sealing.currentKeyId());
	}

	@Bean
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
	}

}
