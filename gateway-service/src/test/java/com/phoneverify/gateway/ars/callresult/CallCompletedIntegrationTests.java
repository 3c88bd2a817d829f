package com.phoneverify.gateway.ars.callresult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.contracts.DeadLetters;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.CallTimings;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.GatewayIntegrationTest;
import com.phoneverify.gateway.webhook.WebhookSignature;
import com.phoneverify.messaging.trace.Traceparent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class CallCompletedIntegrationTests extends GatewayIntegrationTest {

	private static final String PATH = "/v1/ars-verifications";

	private final EventCodec codec = new EventCodec();

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private DisposableServer webhookReceiver;

	/** One webhook as the merchant's server received it. */
	record Delivery(String signature, String eventId, byte[] body) {
	}

	@BeforeEach
	void startWebhookReceiver() {
		this.webhookReceiver = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/hook",
					(request, response) -> request.receive()
						.aggregate()
						.asByteArray()
						.doOnNext((body) -> this.deliveries
							.add(new Delivery(request.requestHeaders().get(WebhookSignature.HEADER),
									request.requestHeaders().get(WebhookSignature.EVENT_ID_HEADER), body)))
						.then(response.status(204).send())))
			.bindNow();
	}

	@AfterEach
	void stopWebhookReceiver() {
		this.webhookReceiver.disposeNow();
	}

	@Test
	void verifiedTypeCCallApprovesPublishesTheOutcomeAndSignsTheWebhook() {
		Merchant merchant = createMerchant();
		String callback = "http://127.0.0.1:" + this.webhookReceiver.port() + "/hook";
		String id = create(merchant, "C", callback);

		publish(callCompleted(merchant, id, CallOutcome.ANSWERED, ScenarioResult.VERIFIED, 200));

		JsonNode view = awaitStatus(merchant, id, "approved");
		assertThat(view.path("call").path("outcome").asString()).isEqualTo("answered");
		assertThat(view.path("call").path("scenarioResult").asString()).isEqualTo("verified");
		assertThat(view.path("call").path("sipStatus").asInt()).isEqualTo(200);

		List<ConsumerRecord<String, byte[]>> outcomes = awaitRecordsWithKey(Topics.VERIFICATION_OUTCOMES, id, 1);
		assertThat(outcomes).hasSize(1);
		EventEnvelope<VerificationOutcome> outcomeEvent = this.codec.decode(outcomes.get(0).value(),
				EventTopics.VERIFICATION_OUTCOMES);
		VerificationOutcome outcome = outcomeEvent.payload();
		assertThat(outcome.status()).isEqualTo(VerificationStatus.APPROVED);
		assertThat(outcome.merchantId().value()).isEqualTo(merchant.merchantId());

		await().atMost(Duration.ofSeconds(10)).until(() -> !this.deliveries.isEmpty());
		Delivery delivery = this.deliveries.get(0);
		assertThat(delivery.eventId()).isEqualTo(outcomeEvent.eventId().toString());
		assertThat(WebhookSignature.verify(delivery.signature(), merchant.webhookSecret(), delivery.body(),
				Instant.now().getEpochSecond(), 300))
			.as("signature " + delivery.signature())
			.isTrue();
		JsonNode payload = this.json.readTree(delivery.body());
		assertThat(payload.path("id").asString()).isEqualTo(id);
		assertThat(payload.path("status").asString()).isEqualTo("approved");
		assertThat(payload.path("type").asString()).isEqualTo("C");
		assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).doesNotContain("1234").doesNotContain("phone");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> count("SELECT count(*) FROM gateway.webhook_deliveries WHERE verification_id = $1 "
					+ "AND status = 'delivered' AND last_status_code = 204", UUID.fromString(id)) == 1);
	}

	@Test
	void codeDeliveredKeepsTypeAPendingWithTheCallSummary() {
		Merchant merchant = createMerchant();
		String id = create(merchant, "A", null);
		publish(callCompleted(merchant, id, CallOutcome.ANSWERED, ScenarioResult.CODE_DELIVERED, 200));
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(get(merchant, id).path("call").path("scenarioResult").asString())
				.isEqualTo("code_delivered"));
		assertThat(get(merchant, id).path("status").asString()).isEqualTo("pending");
	}

	@Test
	void malformedRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
		Merchant merchant = createMerchant();
		String id = create(merchant, "C", null);
		String badKey = "bad-" + UUID.randomUUID();
		publish(Topics.CALL_COMPLETED, badKey, "{\"type\":\"call-completed\",\"schemaVersion\":1".getBytes());
		publish(callCompleted(merchant, id, CallOutcome.BUSY, null, 486));

		List<ConsumerRecord<String, byte[]>> dead = awaitRecordsWithKey(
				Topics.deadLetterOf(Topics.CALL_COMPLETED, "gateway-service"), badKey, 1);
		assertThat(dead).hasSize(1);
		String reason = new String(dead.get(0).headers().lastHeader(DeadLetters.REASON_HEADER).value(),
				StandardCharsets.UTF_8);
		assertThat(reason).contains("not a valid call-completed v2 event");
		assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.CONSUMER_HEADER).value(),
				StandardCharsets.UTF_8))
			.isEqualTo("gateway-service");

		JsonNode view = awaitStatus(merchant, id, "failed");
		assertThat(view.path("reason").asString()).isEqualTo("busy");
	}

	@Test
	void aValidEventThatMeetsADatabaseOutageIsRetriedUntilAppliedAndNeverDeadLettered() throws InterruptedException {
		Merchant merchant = createMerchant();
		String id = create(merchant, "C", null);
		// the listener's first statement fails until the table is back, as in a failover
		this.db.sql("ALTER TABLE gateway.processed_events RENAME TO processed_events_away").then().block();
		try {
			publish(callCompleted(merchant, id, CallOutcome.ANSWERED, ScenarioResult.VERIFIED, 200));
			Thread.sleep(2500);
		}
		finally {
			this.db.sql("ALTER TABLE gateway.processed_events_away RENAME TO processed_events").then().block();
		}
		awaitStatus(merchant, id, "approved");
		assertThat(awaitRecords(Topics.deadLetterOf(Topics.CALL_COMPLETED, "gateway-service"),
				(record) -> id.equals(record.key()), 1, Duration.ofSeconds(2)))
			.isEmpty();
	}

	@Test
	void aCallResultIsAppliedUnderItsTraceIdInTheLogs(CapturedOutput output) {
		Merchant merchant = createMerchant();
		String unknown = VerificationId.random().toString();
		String traceparent = Traceparent.generate();
		EventEnvelope<CallCompleted> event = EventTopics.CALL_COMPLETED
			.envelope(new CallCompleted(VerificationId.parse(unknown), MerchantId.of(merchant.merchantId()),
					CallOutcome.BUSY, null, 486, new CallTimings(100L, null, 100)), Instant.now(), traceparent);
		publish(Topics.CALL_COMPLETED, unknown, this.codec.encode(event));
		// logged on a database thread, inside the transaction that applies the event
		await().atMost(Duration.ofSeconds(15))
			.until(() -> output.getAll().lines().anyMatch((line) -> line.contains("no verification " + unknown)));
		assertThat(output.getAll().lines().filter((line) -> line.contains("no verification " + unknown)))
			.allMatch((line) -> line.contains("[" + Traceparent.traceId(traceparent) + "]"));
	}

	@Test
	void aRedeliveredEventIsAppliedOnce() {
		Merchant merchant = createMerchant();
		String id = create(merchant, "C", null);
		EventEnvelope<CallCompleted> event = EventTopics.CALL_COMPLETED
			.envelope(
					new CallCompleted(VerificationId.parse(id), MerchantId.of(merchant.merchantId()),
							CallOutcome.NO_ANSWER, null, 480, new CallTimings(500L, null, 30_000)),
					Instant.now(), null);
		publish(Topics.CALL_COMPLETED, id, this.codec.encode(event));
		publish(Topics.CALL_COMPLETED, id, this.codec.encode(event));
		awaitStatus(merchant, id, "failed");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM gateway.processed_events WHERE event_id = $1",
					event.eventId()) == 1);
		assertThat(awaitRecords(Topics.VERIFICATION_OUTCOMES, (record) -> id.equals(record.key()), 2,
				Duration.ofSeconds(3)))
			.hasSize(1);
	}

	@Test
	void aCallResultForAFinalVerificationOnlyUpdatesTheCallSummary() {
		Merchant merchant = createMerchant();
		String id = create(merchant, "C", null);
		assertThat(signed(merchant, "POST", PATH + "/" + id + "/cancel", null).status()).isEqualTo(200);
		publish(callCompleted(merchant, id, CallOutcome.CANCELED, null, 487));
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(get(merchant, id).path("call").path("outcome").asString()).isEqualTo("canceled"));
		assertThat(get(merchant, id).path("status").asString()).isEqualTo("canceled");
	}

	@Test
	void pendingVerificationsPastTheirExpiryAreExpired() {
		Merchant merchant = createMerchant();
		Response response = signed(merchant, "POST", PATH,
				"{\"type\":\"A\",\"phone\":\"010-5555-0000\",\"expiresInSeconds\":1}");
		String id = response.body().path("id").asString();
		awaitStatus(merchant, id, "expired");
		List<ConsumerRecord<String, byte[]>> outcomes = awaitRecordsWithKey(Topics.VERIFICATION_OUTCOMES, id, 1);
		assertThat(this.codec.decode(outcomes.get(0).value(), EventTopics.VERIFICATION_OUTCOMES).payload().status())
			.isEqualTo(VerificationStatus.EXPIRED);
		Response late = signed(merchant, "POST", PATH + "/" + id + "/confirm", "{\"code\":\"123456\"}");
		assertThat(late.status()).isEqualTo(409);
	}

	@Test
	void aCallThatEndedBeforeTheExpiryDecidesTheVerificationWhenItsResultArrivesWithinTheGracePeriod()
			throws InterruptedException {
		Merchant merchant = createMerchant();
		JsonNode created = createWithExpiry(merchant, "C", 1);
		String id = created.path("id").asString();
		Instant expiresAt = Instant.parse(created.path("expiresAt").asString());
		sleepUntil(expiresAt.plusSeconds(1));
		assertThat(get(merchant, id).path("status").asString()).as("within the grace period").isEqualTo("pending");
		publish(EventTopics.CALL_COMPLETED.envelope(
				new CallCompleted(VerificationId.parse(id), MerchantId.of(merchant.merchantId()), CallOutcome.ANSWERED,
						ScenarioResult.VERIFIED, 200, new CallTimings(800L, 2500L, 9000)),
				expiresAt.minusMillis(100), null));
		awaitStatus(merchant, id, "approved");
	}

	@Test
	void aCallThatEndedAfterTheExpiryExpiresThePendingVerification() {
		Merchant merchant = createMerchant();
		JsonNode created = createWithExpiry(merchant, "C", 1);
		String id = created.path("id").asString();
		Instant expiresAt = Instant.parse(created.path("expiresAt").asString());
		publish(EventTopics.CALL_COMPLETED.envelope(
				new CallCompleted(VerificationId.parse(id), MerchantId.of(merchant.merchantId()), CallOutcome.ANSWERED,
						ScenarioResult.VERIFIED, 200, new CallTimings(800L, 2500L, 9000)),
				expiresAt.plusMillis(100), null));
		JsonNode view = awaitStatus(merchant, id, "expired");
		assertThat(view.path("call").path("scenarioResult").asString()).isEqualTo("verified");
	}

	@Test
	void aConfirmationAfterTheExpiryIsRefusedEvenWithinTheGracePeriod() throws InterruptedException {
		Merchant merchant = createMerchant();
		JsonNode created = createWithExpiry(merchant, "A", 1);
		String id = created.path("id").asString();
		sleepUntil(Instant.parse(created.path("expiresAt").asString()).plusMillis(200));
		Response late = signed(merchant, "POST", PATH + "/" + id + "/confirm", "{\"code\":\"123456\"}");
		assertThat(late.status()).isEqualTo(409);
		assertThat(get(merchant, id).path("status").asString()).isEqualTo("expired");
	}

	private JsonNode createWithExpiry(Merchant merchant, String type, int seconds) {
		Response response = signed(merchant, "POST", PATH,
				"{\"type\":\"" + type + "\",\"phone\":\"010-5555-0000\",\"expiresInSeconds\":" + seconds + "}");
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return response.body();
	}

	private static void sleepUntil(Instant instant) throws InterruptedException {
		long millis = Duration.between(Instant.now(), instant).toMillis();
		if (millis > 0) {
			Thread.sleep(millis);
		}
	}

	@Test
	void reasonsOfFailedCallsReachTheMerchant() {
		Merchant merchant = createMerchant();
		String id = create(merchant, "B", null);
		publish(callCompleted(merchant, id, CallOutcome.ANSWERED, ScenarioResult.WRONG_INPUT, 200));
		JsonNode view = awaitStatus(merchant, id, "denied");
		assertThat(view.path("reason").asString()).isEqualTo(StatusReason.WRONG_INPUT.wireName());
	}

	private void publish(EventEnvelope<CallCompleted> event) {
		publish(Topics.CALL_COMPLETED, event.key(), this.codec.encode(event));
	}

	private static EventEnvelope<CallCompleted> callCompleted(Merchant merchant, String id, CallOutcome outcome,
			ScenarioResult result, Integer sipStatus) {
		return EventTopics.CALL_COMPLETED.envelope(
				new CallCompleted(VerificationId.parse(id), MerchantId.of(merchant.merchantId()), outcome, result,
						sipStatus, new CallTimings(800L, (outcome == CallOutcome.ANSWERED) ? 2500L : null, 9000)),
				Instant.now(), null);
	}

	private String create(Merchant merchant, String type, String callbackUrl) {
		String callback = (callbackUrl != null) ? ",\"callbackUrl\":\"" + callbackUrl + "\"" : "";
		Response response = signed(merchant, "POST", PATH,
				"{\"type\":\"" + type + "\",\"phone\":\"010-5555-0000\"" + callback + "}");
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return response.body().path("id").asString();
	}

	private JsonNode get(Merchant merchant, String id) {
		return signed(merchant, "GET", PATH + "/" + id, null).body();
	}

	private JsonNode awaitStatus(Merchant merchant, String id, String status) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(get(merchant, id).path("status").asString()).isEqualTo(status));
		return get(merchant, id);
	}

}
