package com.phoneverify.gateway.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookSenderIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private WebhookDeliveries deliveries;

	@Autowired
	private TransactionalOperator tx;

	private final AtomicInteger inFlight = new AtomicInteger();

	private DisposableServer slowReceiver;

	@BeforeEach
	void startSlowReceiver() {
		this.slowReceiver = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/slow",
					(request, response) -> request.receive()
						.aggregate()
						.doOnNext((body) -> this.inFlight.incrementAndGet())
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
				.concatMap((i) -> this.deliveries
					.schedule(VerificationOutcome.of(VerificationId.random(), MerchantId.of(merchant.merchantId()),
							Product.ARS, VerificationStatus.APPROVED, null, now, null), "C", url))
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

}
