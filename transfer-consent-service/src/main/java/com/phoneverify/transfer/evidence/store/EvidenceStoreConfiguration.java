package com.phoneverify.transfer.evidence.store;

import com.phoneverify.transfer.evidence.EvidenceKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** The evidence chain on PostgreSQL, signed with the service's key. */
@Configuration(proxyBeanMethods = false)
class EvidenceStoreConfiguration {

	@Bean
	R2dbcEvidenceLog evidenceLog(DatabaseClient db, EvidenceKeys evidenceKeys) {
		return new R2dbcEvidenceLog(db, evidenceKeys);
	}

}
