package com.phoneverify.gateway.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.merchant.MerchantDirectory;
import com.phoneverify.messaging.support.DrainLoop;
import com.phoneverify.messaging.support.Rows;
import com.phoneverify.gateway.webhook.CallbackAddresses.RefusedCallbackAddressException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Delivers due webhooks. A delivery is claimed by moving its next attempt past the
 * timeout (a lease, so another instance does not send it meanwhile and a crash does not
 * lose it), sent, and its attempt recorded; a 2xx ends it, anything else is retried after
 * {@code initialBackoff × 2^(attempt-1)} until {@code maxAttempts}. A poll claims at most
 * {@code batchSize} deliveries and sends them all at once, so none waits in this instance
 * while its lease runs out (which would let another instance send it too and count the
 * attempt twice); when a poll was full, the next one follows at once.
 * <p>
 * Fair between merchants: a poll claims at most {@code perMerchant} deliveries of one
 * merchant, oldest merchants first, and none of a merchant that has that many in flight
 * here; the poll does not wait for the deliveries it started, and each delivery that ends
 * wakes the next poll. So a merchant whose endpoint is slow, with thousands of webhooks
 * due, holds a few connections, not the queue.
 */
@Component
class WebhookSender implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

	private final DatabaseClient db;

	private final MerchantDirectory merchants;

	private final Clock clock;

	private final GatewayProperties.Webhook properties;

	private final WebClient http;

	private final MeterRegistry meters;

	private final DrainLoop loop;

	private final boolean allowLocalCallbacks;

	private final ConcurrentHashMap<MerchantId, Integer> inFlight = new ConcurrentHashMap<>();

	private final AtomicInteger inFlightTotal = new AtomicInteger();

	WebhookSender(DatabaseClient db, MerchantDirectory merchants, Clock clock, GatewayProperties properties,
			MeterRegistry meters) {
		this.db = db;
		this.merchants = merchants;
		this.clock = clock;
		this.properties = properties.webhook();
		this.meters = meters;
		this.allowLocalCallbacks = properties.verification().allowLocalHttpCallbacks();
		HttpClient client = HttpClient.create().responseTimeout(this.properties.timeout()).followRedirect(false);
		if (!this.allowLocalCallbacks) {
			client = client.resolver(CallbackAddresses.resolver());
		}
		this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
		this.loop = new DrainLoop("Delivering webhooks", this::deliverAllDue);
	}

	/** Delivers soon: now, or right after the running poll. Never lost, never blocks. */
	void wake() {
		this.loop.wake();
	}

	/**
	 * Claims the due deliveries once and sends them; completes when they were all tried,
	 * emitting how many.
	 */
	Mono<Long> deliverDue() {
		return claim().flatMapMany(Flux::fromIterable).flatMap(this::deliverTracked, Integer.MAX_VALUE).count();
	}

	/**
	 * Claims the due deliveries once and starts them without waiting for them; emits how
	 * many.
	 */
	private Mono<Long> startDue() {
		return claim().map((rows) -> {
			rows.forEach((row) -> deliverTracked(row).subscribe());
			return (long) rows.size();
		});
	}

	/** Starts due deliveries until a poll comes back short; emits how many. */
	Mono<Long> deliverAllDue() {
		return startDue().expand((count) -> (count >= this.properties.batchSize()) ? startDue() : Mono.empty())
			.reduce(0L, Long::sum);
	}

	private Mono<List<Map<String, Object>>> claim() {
		int room = Math.min(this.properties.batchSize(), this.properties.maxInFlight() - this.inFlightTotal.get());
		if (room <= 0) {
			return Mono.just(List.of());
		}
		Instant now = this.clock.instant();
		// every claimed delivery starts at once and takes at most the timeout; the margin
		// covers the merchant secret lookup and recording the attempt
		Instant leaseEnd = now.plus(this.properties.timeout()).plus(LEASE_MARGIN);
		String[] busy = this.inFlight.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() >= this.properties.perMerchant())
			.map((entry) -> entry.getKey().value())
			.toArray(String[]::new);
		return this.db.sql("""
				UPDATE gateway.webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2
				WHERE id IN (
				  SELECT d.id FROM (
				    SELECT merchant_id, min(next_attempt_at) AS oldest FROM gateway.webhook_deliveries
				    WHERE status = 'pending' AND next_attempt_at <= $1 AND merchant_id <> ALL ($4)
				    GROUP BY merchant_id) m,
				  LATERAL (SELECT id FROM gateway.webhook_deliveries
				           WHERE merchant_id = m.merchant_id AND status = 'pending' AND next_attempt_at <= $1
				           ORDER BY next_attempt_at LIMIT $5 FOR UPDATE SKIP LOCKED) d
				  ORDER BY m.oldest LIMIT $3)
				RETURNING id, event_id, merchant_id, url, payload, attempts
				""")
			.bind(0, now)
			.bind(1, leaseEnd)
			.bind(2, room)
			.bind(3, busy)
			.bind(4, this.properties.perMerchant())
			.fetch()
			.all()
			// read whole first, so the claiming statement's connection is free again
			// before the deliveries take theirs from the pool
			.collectList();
	}

	/** Delivers, counting the delivery in flight for its merchant meanwhile. */
	private Mono<Void> deliverTracked(Map<String, Object> row) {
		MerchantId merchantId = MerchantId.of((String) row.get("merchant_id"));
		return Mono.defer(() -> {
			this.inFlight.merge(merchantId, 1, Integer::sum);
			this.inFlightTotal.incrementAndGet();
			return deliver(row);
		}).doFinally((signal) -> {
			this.inFlightTotal.decrementAndGet();
			this.inFlight.computeIfPresent(merchantId, (id, count) -> (count > 1) ? count - 1 : null);
			this.loop.wake();
		});
	}

	private Mono<Void> deliver(Map<String, Object> row) {
		long id = ((Number) row.get("id")).longValue();
		int attempt = ((Number) row.get("attempts")).intValue();
		byte[] body = Rows.bytes(row.get("payload"));
		String url = (String) row.get("url");
		UUID eventId = (UUID) row.get("event_id");
		MerchantId merchantId = MerchantId.of((String) row.get("merchant_id"));
		long started = System.nanoTime();
		return refuseLocalLiteral(url).then(this.merchants.webhookSecret(merchantId))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("merchant has no webhook secret")))
			.flatMap((secret) -> this.http.post()
				.uri(url)
				.contentType(MediaType.APPLICATION_JSON)
				.header(WebhookSignature.HEADER,
						WebhookSignature.header(secret, this.clock.instant().getEpochSecond(), body))
				.header(WebhookSignature.EVENT_ID_HEADER, eventId.toString())
				.bodyValue(body)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.timeout(this.properties.timeout()))
			.map((status) -> new Attempt(status, null, false))
			.onErrorResume((ex) -> {
				RefusedCallbackAddressException refused = refusal(ex);
				return Mono.just((refused != null) ? new Attempt(null, refused.getMessage(), true)
						: new Attempt(null, describe(ex), false));
			})
			.flatMap((result) -> record(id, attempt, result, Duration.ofNanos(System.nanoTime() - started)));
	}

	private Mono<Void> record(long id, int attempt, Attempt result, Duration took) {
		Instant now = this.clock.instant();
		boolean delivered = result.statusCode() != null && result.statusCode() >= 200 && result.statusCode() < 300;
		// a refused address is refused again: no retries
		boolean givingUp = !delivered && (result.refused() || attempt >= this.properties.maxAttempts());
		String status = delivered ? "delivered" : (givingUp ? "failed" : "pending");
		Instant next = now.plus(this.properties.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 16)));
		this.meters.counter("webhook.deliveries", "result", delivered ? "delivered" : "failed_attempt").increment();
		if (!delivered) {
			log.info("Webhook delivery {} attempt {} failed ({}){}", id, attempt,
					(result.statusCode() != null) ? "HTTP " + result.statusCode() : result.error(),
					givingUp ? ", giving up" : ", will retry");
		}
		return this.db
			.sql("""
					WITH attempt AS (
					  INSERT INTO gateway.webhook_attempts (delivery_id, attempt, status_code, error, duration_ms, attempted_at)
					  VALUES ($1, $2, $3, $4, $5, $6)
					)
					UPDATE gateway.webhook_deliveries
					SET status = $7, last_status_code = $3, last_error = $4, next_attempt_at = $8,
					    delivered_at = CASE WHEN $7 = 'delivered' THEN $6 END
					WHERE id = $1
					""")
			.bind(0, id)
			.bind(1, attempt)
			.bind(2, Parameter.fromOrEmpty(result.statusCode(), Integer.class))
			.bind(3, Parameter.fromOrEmpty(result.error(), String.class))
			.bind(4, took.toMillis())
			.bind(5, now)
			.bind(6, status)
			.bind(7, next)
			.then();
	}

	private static String describe(Throwable ex) {
		String name = ex.getClass().getSimpleName();
		return (name.isEmpty() ? "error" : name) + ((ex.getMessage() != null) ? ": " + firstLine(ex.getMessage()) : "");
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		String line = (newline < 0) ? message : message.substring(0, newline);
		return (line.length() > 200) ? line.substring(0, 200) : line;
	}

	@Override
	public void start() {
		this.loop.start(this.properties.pollInterval());
	}

	@Override
	public void stop() {
		this.loop.stop();
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	/**
	 * Fails for a callback whose host is an IP literal the SSRF policy refuses; host
	 * names are checked by the client's resolver when it connects.
	 */
	private Mono<Void> refuseLocalLiteral(String url) {
		if (this.allowLocalCallbacks) {
			return Mono.empty();
		}
		URI uri = URI.create(url);
		String refusal = CallbackAddresses.refusal(uri);
		return (refusal != null) ? Mono.error(new RefusedCallbackAddressException(
				"callback host " + uri.getHost() + " refused: the callback URL " + refusal)) : Mono.empty();
	}

	private static @Nullable RefusedCallbackAddressException refusal(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RefusedCallbackAddressException refused) {
				return refused;
			}
		}
		return null;
	}

	/**
	 * @param refused the SSRF policy refused the callback's address: nothing was sent
	 */
	private record Attempt(@Nullable Integer statusCode, @Nullable String error, boolean refused) {
	}

}
