package com.phoneverify.otp.audit.store;

import com.phoneverify.otp.audit.AuditTrail;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
class AuditStoreConfiguration {

	@Bean
	AuditTrail auditTrail(ConnectionFactory connectionFactory) {
		return new R2dbcAuditTrail(DatabaseClient.create(connectionFactory));
	}

}
