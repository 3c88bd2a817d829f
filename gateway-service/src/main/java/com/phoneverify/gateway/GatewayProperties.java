package com.phoneverify.gateway;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the gateway can be told, under the prefix {@code gateway}. Defaults are
 * written here. No key ring and no code pepper has a default or ships in a configuration
 * file of the jar: they are given at start-up, or the gateway refuses to start, naming
 * the property.
 *
 * @param signing how merchant requests are authenticated
 * @param verification limits and defaults of ARS verifications
 * @param sealing the AES-256-GCM key rings: one for merchants' secrets at rest, one for
 * the sealed fields of events
 * @param webhook delivery of signed webhooks to merchants' callback URLs
 * @param admin the local administration API (merchants, their API keys)
 * @param credentials the in-memory cache of decrypted merchant credentials
 * @param retention how long personal data is kept after a verification ended
 * @param otp where otp-service's internal API is (the {@code /v1/otp/**} routes forward
 * to it)
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(@DefaultValue Signing signing, @DefaultValue Verification verification,
		@DefaultValue Sealing sealing, @DefaultValue Webhook webhook, @DefaultValue Admin admin,
		@DefaultValue Credentials credentials, @DefaultValue Retention retention, @DefaultValue Otp otp) {

	/**
	 * @param window how far a request's timestamp may lie from our clock, either way
	 * (default 5 minutes); a nonce is remembered this long after its timestamp
	 * @param maxBodySize the largest request body accepted (default 16 KiB); larger is
	 * 413
	 * @param noncePurgeInterval how often expired nonces are deleted (default 1 minute)
	 */
	public record Signing(@DefaultValue("5m") Duration window, @DefaultValue("16KB") DataSize maxBodySize,
			@DefaultValue("1m") Duration noncePurgeInterval) {
	}

	/**
	 * @param defaultCodeLength digits of a code when the request names none (default 6,
	 * allowed 4-8)
	 * @param defaultExpiry lifetime of a verification when the request names none
	 * (default 3 minutes)
	 * @param minExpiry shortest lifetime a merchant may ask for (default 30 seconds)
	 * @param maxExpiry longest lifetime a merchant may ask for (default 10 minutes)
	 * @param maxConfirmAttempts wrong codes allowed on {@code /confirm} before
	 * max_attempts_reached (default 5)
	 * @param codePepper Base64 server secret mixed into code hashes (HMAC-SHA256 key), at
	 * least 16 bytes; required: without it the gateway does not start
	 * @param sweepInterval how often pending verifications past their expiry are expired
	 * (default 5 seconds)
	 * @param sweepBatchSize verifications expired per sweep transaction (default 200)
	 * @param expiryGrace how long after {@code expiresAt} the sweeper leaves a pending
	 * verification alone, so that a {@code call-completed} for a call that ended before
	 * the expiry, but arrives after it, is still applied (default 15 seconds);
	 * confirmations after {@code expiresAt} are refused regardless
	 * @param allowLocalHttpCallbacks whether callbacks may reach this host or its
	 * network, for devstack and tests (default false): {@code http://localhost},
	 * {@code http://127.0.0.1} and {@code http://[::1]} URLs, and https URLs whose host
	 * is, or resolves to, a loopback, private or link-local address. Otherwise callbacks
	 * are https to public addresses only, checked at creation (IP literals) and at every
	 * delivery (resolved addresses)
	 * @param batch group commit of accepted requests
	 * @param destinationLimitPerTenMinutes verifications one phone number may get in any
	 * 10 minutes, whichever merchants ask (default 3); more are 429
	 * {@code destination-rate-limited}
	 * @param destinationLimitPerDay verifications one phone number may get in any 24
	 * hours, whichever merchants ask (default 10)
	 * @param confirmFailureBudget wrong codes a merchant may send to {@code /confirm}
	 * within {@code confirmFailureWindow}, over all its verifications (default 50);
	 * beyond it {@code /confirm} is 429 {@code confirm-budget-exhausted} without checking
	 * the code
	 * @param confirmFailureWindow the sliding window of {@code confirmFailureBudget}
	 * (default 1 hour)
	 */
	public record Verification(@DefaultValue("6") int defaultCodeLength, @DefaultValue("3m") Duration defaultExpiry,
			@DefaultValue("30s") Duration minExpiry, @DefaultValue("10m") Duration maxExpiry,
			@DefaultValue("5") int maxConfirmAttempts, @Nullable String codePepper,
			@DefaultValue("5s") Duration sweepInterval, @DefaultValue("200") int sweepBatchSize,
			@DefaultValue("15s") Duration expiryGrace, @DefaultValue("false") boolean allowLocalHttpCallbacks,
			@DefaultValue Batch batch, @DefaultValue("3") int destinationLimitPerTenMinutes,
			@DefaultValue("10") int destinationLimitPerDay, @DefaultValue("50") int confirmFailureBudget,
			@DefaultValue("1h") Duration confirmFailureWindow) {
	}

	/**
	 * Group commit of accepted {@code POST /v1/ars-verifications}: requests that arrive
	 * while others are being committed are stored together in one statement. There is no
	 * timer, so a request alone is written at once.
	 *
	 * @param maxSize the most requests stored by one statement (default 64; 1 turns group
	 * commit off)
	 * @param maxInFlight the most such statements running at once, each on its own pooled
	 * connection (default 2: one commits while the next gathers requests; more only pays
	 * with more cores on the database)
	 * @param maxQueued the most requests waiting for a statement; more are refused at
	 * once with 503 {@code database-busy} (default 2000)
	 * @param maxWait the longest a request waits for its statement to start; then it is
	 * refused with 503 {@code database-busy} and never stored (default 2 s)
	 */
	public record Batch(@DefaultValue("64") int maxSize, @DefaultValue("2") int maxInFlight,
			@DefaultValue("2000") int maxQueued, @DefaultValue("2s") Duration maxWait) {
	}

	/**
	 * Two AES-256-GCM key rings, so that a service that opens events holds no key that
	 * opens merchants' secrets. Both are required: the gateway refuses to start, naming
	 * the missing property, without either.
	 *
	 * @param atRest seals merchants' API and webhook secrets; only the gateway has it
	 * @param events seals the fields of events that other services open (the phone, code
	 * and challenge key of {@code auth-requested}); ars-call-service has the same ring
	 * (as {@code ars.sealing})
	 */
	public record Sealing(@DefaultValue KeyRing atRest, @DefaultValue KeyRing events) {
	}

	/**
	 * @param keys key id → Base64 of 32 random bytes; any of them opens
	 * @param currentKeyId the key that seals new values; rotate by adding a key and
	 * switching this id
	 */
	public record KeyRing(@Nullable Map<String, String> keys, @Nullable String currentKeyId) {

		boolean isSet() {
			return this.keys != null && !this.keys.isEmpty() && this.currentKeyId != null;
		}

	}

	/**
	 * @param timeout how long one delivery may take (default 5 seconds)
	 * @param maxAttempts deliveries tried before giving up (default 5)
	 * @param initialBackoff wait before the second attempt; doubled each time (default 2
	 * seconds)
	 * @param pollInterval how often due deliveries are looked for (default 500 ms)
	 * @param batchSize deliveries claimed per poll, all sent at once (default 16); the
	 * claim's lease is the timeout plus 10 s, which only holds because none waits
	 * @param perMerchant deliveries of one merchant claimed per poll; a merchant with
	 * this many still in flight on this instance gets none until one ends, so a slow
	 * endpoint delays only its own merchant's webhooks (default 4)
	 * @param maxInFlight deliveries in flight on this instance at most (default 256)
	 */
	public record Webhook(@DefaultValue("5s") Duration timeout, @DefaultValue("5") int maxAttempts,
			@DefaultValue("2s") Duration initialBackoff, @DefaultValue("500ms") Duration pollInterval,
			@DefaultValue("16") int batchSize, @DefaultValue("4") int perMerchant,
			@DefaultValue("256") int maxInFlight) {
	}

	/**
	 * @param token bearer token of {@code /admin/v1/**}; the admin API answers 404 when
	 * none is set (the default)
	 * @param maxFailures wrong tokens one client address may send within {@code lockout}
	 * before it is locked out (default 5)
	 * @param lockout the window in which wrong tokens are counted, and how long a client
	 * address is then refused with 429 {@code admin-locked-out}, even with the right
	 * token (default 15 minutes)
	 */
	public record Admin(@Nullable String token, @DefaultValue("5") int maxFailures,
			@DefaultValue("15m") Duration lockout) {
	}

	/**
	 * Revocation takes effect on every instance within {@code revocationCheckInterval}
	 * (plus one query): each instance asks the database that often which keys were
	 * revoked lately and drops them from its cache. If it cannot ask (database down), its
	 * cached credentials stop counting after five intervals and every request reads the
	 * database.
	 *
	 * @param cacheTtl how long a decrypted credential stays in memory (default 5 minutes)
	 * @param cacheMaxEntries at most this many credentials are kept, and as many unknown
	 * key ids (default 10000)
	 * @param revocationCheckInterval how often revocations by any instance are looked for
	 * (default 1 s)
	 * @param unknownKeyTtl how long a key id that is not in the database (never was, or
	 * revoked) is answered 401 from memory, so a flood of made-up key ids does not reach
	 * the database (default 30 s)
	 */
	public record Credentials(@DefaultValue("5m") Duration cacheTtl, @DefaultValue("10000") int cacheMaxEntries,
			@DefaultValue("1s") Duration revocationCheckInterval, @DefaultValue("30s") Duration unknownKeyTtl) {
	}

	/**
	 * What is kept after a verification ended, and for how long. The verification itself
	 * (status, outcome, masked phone number, timings) stays for billing and disputes; the
	 * rest goes once {@code personalData} has passed since it was created.
	 *
	 * @param personalData after this, an ended verification's sealed phone number and its
	 * per-destination key are erased (the masked number stays), and its webhook
	 * deliveries are deleted; at least one day, since the per-destination daily limit
	 * counts a day back (default 30 days)
	 * @param purgeInterval how often that is done (default 1 hour)
	 * @param purgeBatchSize rows erased or deleted per statement (default 1000)
	 */
	public record Retention(@DefaultValue("30d") Duration personalData, @DefaultValue("1h") Duration purgeInterval,
			@DefaultValue("1000") int purgeBatchSize) {

		public Retention {
			if (personalData.compareTo(Duration.ofDays(1)) < 0) {
				throw new IllegalArgumentException(
						"gateway.retention.personal-data must be at least 1d (the daily per-destination limit counts a day back)");
			}
		}

	}

	/**
	 * @param baseUrl otp-service's internal API (default {@code http://localhost:8083});
	 * never exposed to merchants, only the gateway calls it
	 * @param timeout how long one forwarded request may take (default 5 seconds); beyond
	 * it the merchant gets 503 {@code otp-unavailable}
	 */
	public record Otp(@DefaultValue("http://localhost:8083") java.net.URI baseUrl,
			@DefaultValue("5s") Duration timeout) {
	}

}
