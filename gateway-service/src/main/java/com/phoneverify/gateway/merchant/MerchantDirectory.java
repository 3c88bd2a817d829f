package com.phoneverify.gateway.merchant;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.Sealers;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Creates merchants and answers "whose key is this, and what is its secret?". Secrets are
 * stored sealed with the at-rest key ring ({@link Sealers#AT_REST}, AES-256-GCM with a
 * key id) and kept decrypted in memory only briefly, so the signing path does not decrypt
 * per request. A revoked key leaves every instance's memory within
 * {@code gateway.credentials.revocation-check-interval} ({@link RevocationWatcher}).
 */
@Service
public class MerchantDirectory {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final MerchantStore store;

	private final Sealer sealer;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final ExpiringCache<String, ApiCredential> credentials;

	private final ExpiringCache<MerchantId, String> webhookSecrets;

	private final ExpiringCache<String, Boolean> unknownKeys;

	private final long trustCacheNanos;

	private final AtomicLong lastRevocationCheck = new AtomicLong(System.nanoTime());

	MerchantDirectory(MerchantStore store, @Qualifier(Sealers.AT_REST) Sealer sealer, Clock clock,
			GatewayProperties properties) {
		this.store = store;
		this.sealer = sealer;
		this.clock = clock;
		GatewayProperties.Credentials cache = properties.credentials();
		this.credentials = new ExpiringCache<>(cache.cacheTtl(), cache.cacheMaxEntries(), System::nanoTime);
		this.webhookSecrets = new ExpiringCache<>(cache.cacheTtl(), cache.cacheMaxEntries(), System::nanoTime);
		this.unknownKeys = new ExpiringCache<>(cache.unknownKeyTtl(), cache.cacheMaxEntries(), System::nanoTime);
		this.trustCacheNanos = cache.revocationCheckInterval().multipliedBy(5).toNanos();
	}

	/**
	 * Creates a merchant with one API key and a webhook secret.
	 * @throws MerchantAlreadyExistsException (as the error signal) when the id is taken
	 */
	public Mono<NewMerchant> create(MerchantId id, String name) {
		String keyId = "pk_" + randomText(16);
		String secret = randomText(32);
		String webhookSecret = "whsec_" + randomText(32);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		SealedValue sealedSecret = this.sealer.seal(secret, credentialContext(keyId));
		SealedValue sealedWebhookSecret = this.sealer.seal(webhookSecret, webhookContext(id));
		return this.store.insert(id, name, keyId, sealedSecret, sealedWebhookSecret, now)
			.onErrorMap(DuplicateKeyException.class, (ex) -> new MerchantAlreadyExistsException(id))
			.thenReturn(new NewMerchant(id, name, keyId, secret, webhookSecret, now));
	}

	/**
	 * Issues another API key to a merchant (to rotate keys: issue, switch, revoke the old
	 * one).
	 * @return the key and its secret, shown this once; empty for an unknown merchant
	 */
	public Mono<NewApiKey> issueKey(MerchantId id) {
		String keyId = "pk_" + randomText(16);
		String secret = randomText(32);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		return this.store.insertCredential(id, keyId, this.sealer.seal(secret, credentialContext(keyId)), now)
			.filter(Boolean::booleanValue)
			.map((inserted) -> {
				this.unknownKeys.remove(keyId);
				return new NewApiKey(id, keyId, secret, now);
			});
	}

	/**
	 * Revokes a merchant's key: this instance refuses it at once, the others within their
	 * revocation check interval.
	 * @return when it was revoked; empty when the merchant has no such key
	 */
	public Mono<Instant> revoke(MerchantId id, String keyId) {
		return this.store.revoke(id, keyId, this.clock.instant()).doOnNext((revokedAt) -> forget(keyId));
	}

	/** The credential of an API key id; empty when there is no such (active) key. */
	public Mono<ApiCredential> credential(String keyId) {
		boolean cacheTrusted = System.nanoTime() - this.lastRevocationCheck.get() < this.trustCacheNanos;
		if (cacheTrusted) {
			ApiCredential cached = this.credentials.get(keyId);
			if (cached != null) {
				return Mono.just(cached);
			}
			if (this.unknownKeys.get(keyId) != null) {
				return Mono.empty();
			}
		}
		return this.store.findCredential(keyId).map((row) -> {
			ApiCredential credential = new ApiCredential(keyId, row.merchantId(),
					this.sealer.open(row.secret(), credentialContext(keyId)));
			this.credentials.put(keyId, credential);
			return credential;
		}).switchIfEmpty(Mono.fromRunnable(() -> this.unknownKeys.put(keyId, Boolean.TRUE)));
	}

	/** Drops a revoked key from memory; the next request with it reads the database. */
	void forget(String keyId) {
		this.credentials.remove(keyId);
	}

	/** Called after each successful look for revocations: the cache may be trusted. */
	void revocationsChecked() {
		this.lastRevocationCheck.set(System.nanoTime());
	}

	/** The secret that signs webhooks to this merchant; empty for an unknown merchant. */
	public Mono<String> webhookSecret(MerchantId id) {
		String cached = this.webhookSecrets.get(id);
		if (cached != null) {
			return Mono.just(cached);
		}
		return this.store.findWebhookSecret(id).map((sealed) -> {
			String secret = this.sealer.open(sealed, webhookContext(id));
			this.webhookSecrets.put(id, secret);
			return secret;
		});
	}

	private String randomText(int bytes) {
		byte[] raw = new byte[bytes];
		this.random.nextBytes(raw);
		return BASE64URL.encodeToString(raw);
	}

	private static String credentialContext(String keyId) {
		return "api-credential/" + keyId + "/secret";
	}

	private static String webhookContext(MerchantId id) {
		return "merchant/" + id + "/webhook-secret";
	}

}
