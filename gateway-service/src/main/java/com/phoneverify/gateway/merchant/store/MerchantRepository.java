package com.phoneverify.gateway.merchant.store;

import java.time.Duration;
import java.time.Instant;

import com.phoneverify.gateway.merchant.MerchantStore;
import com.phoneverify.gateway.merchant.MerchantStore.StoredCredential;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.messaging.support.Rows;
import com.phoneverify.contracts.sealed.SealedValue;
import reactor.core.publisher.Flux;
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
	public Mono<Boolean> insertCredential(MerchantId id, String keyId, SealedValue secret, Instant now) {
		return this.db.sql("""
				INSERT INTO gateway.api_credentials (key_id, merchant_id, secret_key_id, secret_nonce,
				  secret_ciphertext, created_at)
				SELECT $1, id, $3, $4, $5, $6 FROM gateway.merchants WHERE id = $2
				""")
			.bind(0, keyId)
			.bind(1, id.value())
			.bind(2, secret.keyId())
			.bind(3, secret.nonce())
			.bind(4, secret.ciphertext())
			.bind(5, now)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	@Override
	public Mono<Instant> revoke(MerchantId id, String keyId, Instant now) {
		// revoked_at comes from the database's clock, the one revokedWithin compares with
		return this.db.sql("""
				UPDATE gateway.api_credentials SET revoked_at = coalesce(revoked_at, now())
				WHERE key_id = $1 AND merchant_id = $2
				RETURNING revoked_at
				""").bind(0, keyId).bind(1, id.value()).fetch().one().map((row) -> Rows.instant(row.get("revoked_at")));
	}

	@Override
	public Flux<String> revokedWithin(Duration lookBack) {
		return this.db.sql("""
				SELECT key_id FROM gateway.api_credentials
				WHERE revoked_at > now() - make_interval(secs => $1)
				""").bind(0, lookBack.toMillis() / 1000.0).fetch().all().map((row) -> (String) row.get("key_id"));
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
