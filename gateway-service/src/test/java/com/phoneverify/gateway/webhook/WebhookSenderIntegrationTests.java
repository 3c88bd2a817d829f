package com.phoneverify.gateway.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.GatewayIntegrationTest;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.merchant.MerchantDirectory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookSenderIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private WebhookDeliveries deliveries;

	@Autowired
	private TransactionalOperator tx;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger received = new AtomicInteger();

	@Autowired
	private MerchantDirectory merchants;

	private DisposableServer slowReceiver;

	private final AtomicInteger fastReceived = new AtomicInteger();

	private DisposableServer fastReceiver;

	@BeforeEach
	void startFastReceiver() {
		this.fastReceiver = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/fast",
					(request, response) -> request.receive()
						.aggregate()
						.doOnNext((body) -> this.fastReceived.incrementAndGet())
						.then(response.status(204).send())))
			.bindNow();
	}

	@AfterEach
	void stopFastReceiver() {
		this.fastReceiver.disposeNow();
	}

	@BeforeEach
	void startSlowReceiver() {
		this.slowReceiver = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/slow",
					(request, response) -> request.receive().aggregate().doOnNext((body) -> {
						this.received.incrementAndGet();
						this.inFlight.incrementAndGet();
					})
						.then(Mono.delay(Duration.ofMillis(1500)))
						.doFinally((signal) -> this.inFlight.decrementAndGet())
						.then(response.status(204).send())))
			.bindNow();
	}

	@AfterEach
	void stopSlowReceiver() {
		this.slowReceiver.disposeNow();
	}

	/**
	 * A claimed delivery's lease runs from the claim; one that waited in this instance
	 * behind others could outlive its lease and be sent (and counted) by another instance
	 * as well.
	 */
	@Test
	void everyDeliveryClaimedIsSentAtOnce() throws InterruptedException {
		Merchant merchant = createMerchant();
		String url = "http://127.0.0.1:" + this.slowReceiver.port() + "/slow";
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.tx
			.transactional(Flux.range(0, 20)
				.concatMap((i) -> this.deliveries.schedule(EventTopics.VERIFICATION_OUTCOMES
					.envelope(new VerificationOutcome(VerificationId.random(), MerchantId.of(merchant.merchantId()),
							Product.ARS, VerificationStatus.APPROVED, null), now, null),
						"C", url))
				.then())
			.block();
		this.deliveries.committed();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.inFlight.get() > 0);
		Thread.sleep(500);
		long claimed = count("SELECT count(*) FROM gateway.webhook_deliveries WHERE merchant_id = $1 "
				+ "AND attempts > 0 AND status = 'pending'", merchant.merchantId());
		assertThat(claimed).as("claimed and not yet answered").isEqualTo(this.inFlight.get());

		await().atMost(Duration.ofSeconds(15))
			.until(() -> count("SELECT count(*) FROM gateway.webhook_deliveries WHERE merchant_id = $1 "
					+ "AND status = 'delivered' AND attempts = 1", merchant.merchantId()) == 20);
	}

	/**
	 * Merchant A's endpoint is slow and has many webhooks due; merchant B's webhook, due
	 * later, does not wait behind them.
	 */
	@Test
	void oneMerchantsSlowEndpointDoesNotDelayAnotherMerchantsWebhooks() {
		Merchant slow = createMerchant();
		Merchant other = createMerchant();
		String slowUrl = "http://127.0.0.1:" + this.slowReceiver.port() + "/slow";
		String fastUrl = "http://127.0.0.1:" + this.fastReceiver.port() + "/fast";
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.tx
			.transactional(Flux.range(0, 60)
				.concatMap((i) -> this.deliveries.schedule(EventTopics.VERIFICATION_OUTCOMES
					.envelope(new VerificationOutcome(VerificationId.random(), MerchantId.of(slow.merchantId()),
							Product.ARS, VerificationStatus.APPROVED, null), now, null),
						"C", slowUrl))
				.then())
			.block();
		this.deliveries.committed();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.inFlight.get() > 0);

		long started = System.nanoTime();
		this.tx
			.transactional(
					this.deliveries.schedule(EventTopics.VERIFICATION_OUTCOMES.envelope(
							new VerificationOutcome(VerificationId.random(), MerchantId.of(other.merchantId()),
									Product.ARS, VerificationStatus.APPROVED, null),
							Instant.now().truncatedTo(ChronoUnit.MICROS), null), "C", fastUrl))
			.block();
		this.deliveries.committed();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.fastReceived.get() == 1);
		long tookMillis = (System.nanoTime() - started) / 1_000_000;
		long slowStillDue = count(
				"SELECT count(*) FROM gateway.webhook_deliveries WHERE merchant_id = $1 " + "AND status = 'pending'",
				slow.merchantId());
		// 60 slow deliveries of 1.5 s, at most 4 at a time: 20 s of work ahead of B
		assertThat(slowStillDue).as("A's deliveries still due when B's arrived").isGreaterThan(40);
		assertThat(tookMillis).as("ms until B's webhook arrived").isLessThan(1_500);
	}

	/**
	 * With local callbacks not allowed (the default), a callback whose IP literal or
	 * resolved name is this host is not sent: the attempt is recorded as failed with the
	 * reason, and not retried.
	 */
	@Test
	void aCallbackToThisHostIsRefusedAtDeliveryAndRecordedAsAFailedAttempt() {
		Merchant merchant = createMerchant();
		GatewayProperties strict = new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("gateway",
				GatewayProperties.class);
		WebhookSender strictSender = new WebhookSender(this.db, this.merchants, Clock.systemUTC(), strict,
				new SimpleMeterRegistry());
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Mono<List<Map<String, Object>>> work = Flux
			.just("http://127.0.0.1:" + this.slowReceiver.port() + "/slow",
					"http://localhost:" + this.slowReceiver.port() + "/slow")
			.concatMap((url) -> this.deliveries.schedule(EventTopics.VERIFICATION_OUTCOMES
				.envelope(new VerificationOutcome(VerificationId.random(), MerchantId.of(merchant.merchantId()),
						Product.ARS, VerificationStatus.APPROVED, null), now, null),
					"C", url))
			.then(strictSender.deliverDue())
			.thenMany(this.db.sql("""
					SELECT d.status, d.attempts, a.error FROM gateway.webhook_deliveries d
					JOIN gateway.webhook_attempts a ON a.delivery_id = d.id WHERE d.merchant_id = $1
					""").bind(0, merchant.merchantId()).fetch().all())
			.collectList();
		// rolled back, so that the context's own sender (which allows local callbacks)
		// never sees these deliveries
		List<Map<String, Object>> attempts = this.tx.execute((status) -> {
			status.setRollbackOnly();
			return work;
		}).single().block();
		assertThat(attempts).hasSize(2).allSatisfy((attempt) -> {
			assertThat(attempt.get("status")).isEqualTo("failed");
			assertThat(((Number) attempt.get("attempts")).intValue()).isOne();
			assertThat((String) attempt.get("error")).startsWith("callback host ").contains(" refused: ");
		});
		assertThat(this.received).hasValue(0);
	}

}
