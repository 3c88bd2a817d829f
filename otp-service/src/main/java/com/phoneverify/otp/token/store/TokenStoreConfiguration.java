package com.phoneverify.otp.token.store;

import java.util.Map;

import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.otp.settings.OtpProperties;
import com.phoneverify.otp.token.Tokens;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The token store and the key rotation, with the secrets key ring. */
@Configuration(proxyBeanMethods = false)
class TokenStoreConfiguration {

	@Bean
	Tokens tokens(ConnectionFactory connectionFactory, OtpProperties properties) {
		return new R2dbcTokens(DatabaseClient.create(connectionFactory), secretSealer(properties));
	}

	@Bean
	SecretRotation secretRotation(ConnectionFactory connectionFactory, OtpProperties properties,
			TransactionalOperator transactions) {
		return new SecretRotation(DatabaseClient.create(connectionFactory), secretSealer(properties),
				properties.secrets().currentKeyId(), transactions);
	}

	/** The ring {@code otp.secrets}; the service does not start without it. */
	static Sealer secretSealer(OtpProperties properties) {
		Map<String, String> keys = properties.secrets().keys();
		String current = properties.secrets().currentKeyId();
		if (keys == null || keys.isEmpty() || current == null) {
			throw new IllegalStateException("configure otp.secrets.keys.<id> (Base64 of 32 random bytes) and "
					+ "otp.secrets.current-key-id: token secrets are sealed at rest");
		}
		return Sealer.of(keys, current);
	}

}
