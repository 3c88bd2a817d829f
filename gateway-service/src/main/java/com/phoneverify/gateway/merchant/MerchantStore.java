package com.phoneverify.gateway.merchant;

import java.time.Duration;
import java.time.Instant;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.sealed.SealedValue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where merchants and their credentials are kept, secrets sealed (the adapter is
 * {@code merchant.store}, on PostgreSQL).
 */
public interface MerchantStore {

	/**
	 * Stores a merchant with its first API credential.
	 * @return an error {@code DuplicateKeyException} when the id or key id is taken
	 */
	Mono<Void> insert(MerchantId id, String name, String keyId, SealedValue secret, SealedValue webhookSecret,
			Instant now);

	/**
	 * Adds an API credential to an existing merchant.
	 * @return false when there is no such merchant
	 */
	Mono<Boolean> insertCredential(MerchantId id, String keyId, SealedValue secret, Instant now);

	/**
	 * Revokes a merchant's key (once: a second revocation keeps the first time).
	 * @return when it was revoked; empty when the merchant has no such key
	 */
	Mono<Instant> revoke(MerchantId id, String keyId, Instant now);

	/**
	 * Key ids revoked by any instance within {@code lookBack} of the database's clock
	 * (not ours: instances' clocks differ).
	 */
	Flux<String> revokedWithin(Duration lookBack);

	/** The active (not revoked) credential of an API key id; empty when there is none. */
	Mono<StoredCredential> findCredential(String keyId);

	/** The merchant's sealed webhook secret; empty for an unknown merchant. */
	Mono<SealedValue> findWebhookSecret(MerchantId id);

	/** An API credential as stored: its merchant and its sealed secret. */
	record StoredCredential(MerchantId merchantId, SealedValue secret) {
	}

}
