package com.phoneverify.gateway.signing;

import java.time.Clock;

import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.messaging.support.PeriodicPurge;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The nonces seen, per key, in table {@code request_nonces} whose primary key refuses a
 * second use. Expired nonces are purged periodically.
 */
@Component
public class NonceStore extends PeriodicPurge {

	/** The primary key whose violation means "replayed". */
	public static final String CONSTRAINT = "request_nonces_pkey";

	private final DatabaseClient db;

	private final Clock clock;

	private final GatewayProperties.Signing properties;

	NonceStore(DatabaseClient db, Clock clock, GatewayProperties properties) {
		super(properties.signing().noncePurgeInterval(), "expired nonces");
		this.db = db;
		this.clock = clock;
		this.properties = properties.signing();
	}

	/**
	 * Records the nonce, in the caller's transaction if there is one; errors with
	 * {@link SignatureProblems#replayed()} if it was seen before.
	 */
	public Mono<Void> consume(SignedRequest request) {
		return this.db.sql("INSERT INTO gateway.request_nonces (key_id, nonce, expires_at) VALUES ($1, $2, $3)")
			.bind(0, request.keyId())
			.bind(1, request.nonce())
			.bind(2, request.nonceExpiresAt())
			.then()
			.onErrorMap(NonceStore::isReplay, (ex) -> SignatureProblems.replayed());
	}

	/** Whether a failed insert means the nonce was used before. */
	public static boolean isReplay(Throwable ex) {
		return ex instanceof DuplicateKeyException && ex.getMessage() != null && ex.getMessage().contains(CONSTRAINT);
	}

	@Override
	protected Mono<Long> purgeExpired() {
		return this.db.sql("DELETE FROM gateway.request_nonces WHERE expires_at < $1")
			.bind(0, this.clock.instant())
			.fetch()
			.rowsUpdated();
	}

}
