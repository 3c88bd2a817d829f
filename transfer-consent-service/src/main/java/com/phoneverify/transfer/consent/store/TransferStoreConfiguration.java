package com.phoneverify.transfer.consent.store;

import com.phoneverify.transfer.consent.TransferStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** Transfers on PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class TransferStoreConfiguration {

	@Bean
	TransferStore transferStore(DatabaseClient db) {
		return new R2dbcTransferStore(db);
	}

}
