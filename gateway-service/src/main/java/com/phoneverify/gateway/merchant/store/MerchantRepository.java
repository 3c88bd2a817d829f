package com.phoneverify.gateway.merchant.store;

import java.time.Instant;

import com.phoneverify.gateway.merchant.MerchantStore;
import com.phoneverify.gateway.merchant.MerchantStore.StoredCredential;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.sealed.SealedValue;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** {@link MerchantStore} in SQL: merchants and credentials (schema {@code gateway}). */
@Repository
class MerchantRepository implements MerchantStore {

	private final DatabaseClient db;

	MerchantRepository(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Void> insert(MerchantId id, String name, String keyId, SealedValue secret, SealedValue webhookSecret,
			Instant now) {
		return this.db.sql("""
				WITH merchant AS (
				  INSERT INTO gateway.merchants (id, name, webhook_secret_key_id, webhook_secret_nonce,
				    webhook_secret_ciphertext, created_at)
				  VALUES ($1, $2, $3, $4, $5, $6)
				)
				INSERT INTO gateway.api_credentials (key_id, merchant_id, secret_key_id, secret_nonce,
				  secret_ciphertext, created_at)
				VALUES ($7, $1, $8, $9, $10, $6)
				""")
			.bind(0, id.value())
			.bind(1, name)
			.bind(2, webhookSecret.keyId())
			.bind(3, webhookSecret.nonce())
			.bind(4, webhookSecret.ciphertext())
			.bind(5, now)
			.bind(6, keyId)
			.bind(7, secret.keyId())
			.bind(8, secret.nonce())
			.bind(9, secret.ciphertext())
			.then();
	}

	@Override
	public Mono<StoredCredential> findCredential(String keyId) {
		return this.db.sql("""
				SELECT merchant_id, secret_key_id, secret_nonce, secret_ciphertext
				FROM gateway.api_credentials WHERE key_id = $1 AND revoked_at IS NULL
				""")
			.bind(0, keyId)
			.fetch()
			.one()
			.map((row) -> new StoredCredential(MerchantId.of((String) row.get("merchant_id")),
					new SealedValue((String) row.get("secret_key_id"), (String) row.get("secret_nonce"),
							(String) row.get("secret_ciphertext"))));
	}

	@Override
	public Mono<SealedValue> findWebhookSecret(MerchantId id) {
		return this.db.sql("""
				SELECT webhook_secret_key_id, webhook_secret_nonce, webhook_secret_ciphertext
				FROM gateway.merchants WHERE id = $1
				""")
			.bind(0, id.value())
			.fetch()
			.one()
			.map((row) -> new SealedValue((String) row.get("webhook_secret_key_id"),
					(String) row.get("webhook_secret_nonce"), (String) row.get("webhook_secret_ciphertext")));
	}

}
