package com.phoneverify.transfer.ledger.store;

import com.phoneverify.transfer.ledger.Ledger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** The ledger on PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class LedgerStoreConfiguration {

	@Bean
	Ledger ledger(DatabaseClient db) {
		return new R2dbcLedger(db);
	}

}
