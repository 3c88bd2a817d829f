package com.phoneverify.gateway;

import java.time.Clock;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.sealed.Sealer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Beans shared by several features. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean(Sealers.AT_REST)
	Sealer atRestSealer(GatewayProperties properties) {
		return sealer("at-rest", properties.sealing().atRest(), properties.sealing());
	}

	@Bean(Sealers.EVENTS)
	Sealer eventSealer(GatewayProperties properties) {
		return sealer("events", properties.sealing().events(), properties.sealing());
	}

	/**
	 * The ring {@code gateway.sealing.<name>}, or else the flat
	 * {@code gateway.sealing.keys} / {@code current-key-id} of earlier versions.
	 */
	private static Sealer sealer(String name, GatewayProperties.KeyRing ring, GatewayProperties.Sealing sealing) {
		if (ring.isSet()) {
			return Sealer.of(ring.keys(), ring.currentKeyId());
		}
		GatewayProperties.KeyRing flat = new GatewayProperties.KeyRing(sealing.keys(), sealing.currentKeyId());
		if (!flat.isSet()) {
			throw new IllegalStateException(
					"gateway.sealing." + name + ".keys and gateway.sealing." + name + ".current-key-id must be set");
		}
		log.warn("gateway.sealing.{} is not set: using the flat gateway.sealing.keys, which is deprecated; with one "
				+ "ring for both, a service that opens events can open merchants' secrets", name);
		return Sealer.of(flat.keys(), flat.currentKeyId());
	}

	@Bean
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
	}

}
