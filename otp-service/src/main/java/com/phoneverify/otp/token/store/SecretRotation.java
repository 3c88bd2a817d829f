package com.phoneverify.otp.token.store;

import java.util.UUID;

import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Key rotation: re-seals every token secret not sealed under the current key id. Run it
 * after adding a key to {@code otp.secrets.keys} and making it {@code current-key-id};
 * when it reports 0 left, the old key can leave the ring. Batches of 500, each its own
 * transaction, rows locked ({@code FOR UPDATE SKIP LOCKED}) so it can run while the
 * service serves.
 */
public final class SecretRotation {

	private static final int BATCH = 500;

	private final DatabaseClient db;

	private final Sealer secrets;

	private final String currentKeyId;

	private final TransactionalOperator transactions;

	SecretRotation(DatabaseClient db, Sealer secrets, String currentKeyId, TransactionalOperator transactions) {
		this.db = db;
		this.secrets = secrets;
		this.currentKeyId = currentKeyId;
		this.transactions = transactions;
	}

	/** Re-seals everything; returns how many secrets were re-sealed. */
	public Mono<Long> rotate() {
		return batch().expand((count) -> (count == BATCH) ? batch() : Mono.empty()).reduce(0L, Long::sum);
	}

	private Mono<Long> batch() {
		Mono<Long> work = this.db
			.sql("select id, secret_key_id, secret_nonce, secret_ciphertext from otp.tokens "
					+ "where secret_key_id <> :current limit " + BATCH + " for update skip locked")
			.bind("current", this.currentKeyId)
			.map((row) -> new Object[] { row.get("id", UUID.class),
					new SealedValue(row.get("secret_key_id", String.class), row.get("secret_nonce", String.class),
							row.get("secret_ciphertext", String.class)) })
			.all()
			.concatMap((pair) -> reseal((UUID) pair[0], (SealedValue) pair[1]))
			.count();
		return this.transactions.transactional(work);
	}

	private Mono<Long> reseal(UUID id, SealedValue old) {
		String associatedData = R2dbcTokens.associatedData(id);
		SealedValue fresh = this.secrets.seal(this.secrets.open(old, associatedData), associatedData);
		return this.db
			.sql("update otp.tokens set secret_key_id = :keyId, secret_nonce = :nonce, "
					+ "secret_ciphertext = :ciphertext where id = :id")
			.bind("keyId", fresh.keyId())
			.bind("nonce", fresh.nonce())
			.bind("ciphertext", fresh.ciphertext())
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	/** How many secrets are sealed under another key than the current one. */
	public Mono<Long> remaining() {
		return this.db.sql("select count(*) as n from otp.tokens where secret_key_id <> :current")
			.bind("current", this.currentKeyId)
			.map((row) -> row.get("n", Long.class))
			.one();
	}

}
