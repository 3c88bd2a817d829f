package com.phoneverify.gateway;

import java.time.Clock;
import java.util.Base64;

import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.topic.ProducedTopics;
import org.jspecify.annotations.Nullable;

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

	/**
	 * The code pepper ({@code gateway.verification.code-pepper}) is checked here, with
	 * the key rings, so that a gateway without it stops at start-up naming the property,
	 * before any feature is built. No shipped configuration carries one.
	 */
	@Bean
	CodePepper codePepper(GatewayProperties properties) {
		return CodePepper.require(properties.verification().codePepper());
	}

	/**
	 * Proof that the code pepper is configured: Base64 of at least 16 bytes.
	 *
	 * @param bytes how many bytes the pepper has
	 */
	record CodePepper(int bytes) {

		static final String PROPERTY = "gateway.verification.code-pepper";

		static CodePepper require(@Nullable String base64) {
			if (base64 == null || base64.isBlank()) {
				throw new IllegalStateException("configure " + PROPERTY
						+ " (Base64 of at least 16 random bytes, e.g. openssl rand -base64 32)");
			}
			byte[] raw;
			try {
				raw = Base64.getDecoder().decode(base64);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(PROPERTY + " is not Base64");
			}
			if (raw.length < 16) {
				throw new IllegalStateException(PROPERTY + " must be at least 16 bytes (Base64 of random bytes)");
			}
			return new CodePepper(raw.length);
		}

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
