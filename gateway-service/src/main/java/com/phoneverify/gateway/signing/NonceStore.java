package com.phoneverify.gateway.signing;

import java.time.Clock;

import com.phoneverify.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The nonces seen, per key, in table {@code request_nonces} whose primary key refuses a
 * second use. Expired nonces are purged periodically.
 */
@Component
public class NonceStore implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NonceStore.class);

	/** The primary key whose violation means "replayed". */
	public static final String CONSTRAINT = "request_nonces_pkey";

	private final DatabaseClient db;

	private final Clock clock;

	private final GatewayProperties.Signing properties;

	private volatile @Nullable Disposable purger;

	NonceStore(DatabaseClient db, Clock clock, GatewayProperties properties) {
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

	Mono<Long> purgeExpired() {
		return this.db.sql("DELETE FROM gateway.request_nonces WHERE expires_at < $1")
			.bind(0, this.clock.instant())
			.fetch()
			.rowsUpdated();
	}

	@Override
	public void start() {
		this.purger = Flux.interval(this.properties.noncePurgeInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> purgeExpired().onErrorResume((ex) -> {
				log.warn("Purging expired nonces failed: {}", ex.toString());
				return Mono.empty();
			}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable purger = this.purger;
		if (purger != null) {
			purger.dispose();
		}
		this.purger = null;
	}

	@Override
	public boolean isRunning() {
		return this.purger != null;
	}

}
