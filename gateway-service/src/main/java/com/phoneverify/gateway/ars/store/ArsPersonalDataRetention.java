package com.phoneverify.gateway.ars.store;

import java.time.Instant;

import com.phoneverify.gateway.retention.RetentionRule;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Erases the sealed phone number and the per-destination key of ARS verifications that
 * ended before the cutoff. The masked number ({@code +82 10-****-5678}) stays.
 */
@Component
class ArsPersonalDataRetention implements RetentionRule {

	private final DatabaseClient db;

	ArsPersonalDataRetention(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public String what() {
		return "ARS phone numbers";
	}

	@Override
	public Mono<Long> eraseBefore(Instant cutoff, int batchSize) {
		return this.db.sql("""
				UPDATE gateway.ars_verifications SET phone_key_id = NULL, phone_nonce = NULL,
				  phone_ciphertext = NULL, destination_hash = NULL
				WHERE id IN (
				  SELECT a.id FROM gateway.ars_verifications a JOIN gateway.verifications v ON v.id = a.id
				  WHERE a.phone_ciphertext IS NOT NULL AND v.status <> 'pending' AND v.created_at < $1
				  LIMIT $2 FOR UPDATE OF a SKIP LOCKED)
				""").bind(0, cutoff).bind(1, batchSize).fetch().rowsUpdated();
	}

}
