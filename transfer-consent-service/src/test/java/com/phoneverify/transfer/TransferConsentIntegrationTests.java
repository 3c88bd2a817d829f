package com.phoneverify.transfer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.CallTimings;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.simulators.telco.TelcoSimulator;
import com.phoneverify.transfer.evidence.EvidenceKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service over the real embedded broker and PostgreSQL, the telco simulator over
 * HTTP, and a test relay in sms-relay-service's place (it reads {@code sms-outbound} and
 * publishes {@code consent-replied}). Every test uses accounts and phones of its own, so
 * the tests run concurrently in one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "transfer.authentication.iterations=1000", "transfer.consent.expiry=20s",
				"transfer.consent.sweep-interval=500ms", "transfer.consent.expiry-grace=3s",
				"transfer.limits.max-amount=10000000",
				// above 6,000,000 won the remitter's OTP is needed (no other test goes
				// there)
				"transfer.otp.required-above=6000000", "messaging.outbox.poll-interval=50ms",
				// the ARS fallback calls a recipient who has not replied after 2 s (in
				// the other tests nobody answers those calls, which changes nothing)
				"transfer.consent.ars-fallback-after=2s",
				// the machine is shared: a first name check under load may take seconds
				"transfer.telco.timeout=20s" })
@ContextConfiguration(initializers = EmbeddedInfraInitializer.class)
// closing a Spring context disposes Reactor Netty's global resources (the R2DBC driver's
// and
// the web server's event loops) under any other context of the JVM: the classes that
// start
// or close services of their own do not overlap
@ResourceLock(TransferConsentIntegrationTests.SERVICES_IN_THIS_JVM)
@Execution(ExecutionMode.CONCURRENT)
class TransferConsentIntegrationTests {

	/**
	 * The lock of the classes whose services share this JVM's Reactor Netty resources.
	 */
	static final String SERVICES_IN_THIS_JVM = "transfer services in this JVM";

	static final String EVENTS_KEY = base64(32);

	private static final KeyPair evidenceKeys = EvidenceKeys.generate();

	static final Sealer sealer = Sealer.of(Map.of("t", EVENTS_KEY), "t");

	private static final TelcoSimulator telco = TelcoSimulator.start("127.0.0.1", 0);

	private static final TestRelay relay = new TestRelay(sealer);

	private static final TestGateway gateway = new TestGateway(sealer);

	private static final TestOtpService otpService = new TestOtpService(sealer);

	private static final TestArs ars = new TestArs(sealer);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	int port;

	@Autowired
	DatabaseClient db;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("transfer.sealing.keys.t", () -> EVENTS_KEY);
		registry.add("transfer.sealing.current-key-id", () -> "t");
		registry.add("transfer.codes.key", () -> base64(32));
		registry.add("transfer.evidence.private-key",
				() -> Base64.getEncoder().encodeToString(evidenceKeys.getPrivate().getEncoded()));
		registry.add("transfer.evidence.public-key",
				() -> Base64.getEncoder().encodeToString(evidenceKeys.getPublic().getEncoded()));
		registry.add("transfer.telco.base-url", telco::baseUrl);
	}

	@AfterAll
	static void stop() {
		relay.close();
		gateway.close();
		otpService.close();
		ars.close();
		telco.close();
	}

	@BeforeEach
	void listenersAssigned() {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		for (var container : this.listeners.getListenerContainers()) {
			while (container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty()) {
				assertThat(System.nanoTime()).as("partitions assigned").isLessThan(deadline);
				TestRelay.sleep(100);
			}
		}
	}

	// --- the flows -------------------------------------------------------------------

	@Test
	void phishingGuardTransferConsentedByReplyExecutesWithEvidence() throws Exception {
		Party remitter = party("김송금", 1_000_000);
		Party recipient = party("이수취", 0);

		JsonNode created = create(transfer(remitter, recipient, 300_000, "PHISHING_GUARD"));
		assertThat(created.get("status").asString()).isEqualTo("pending");
		assertThat(created.get("nameCheck").get("result").asString()).isEqualTo("MATCH");
		TransferId id = TransferId.parse(created.get("id").asString());
		// the funds are held at once
		assertThat(balance(remitter)).isEqualTo(700_000);
		assertThat(balance(recipient)).isZero();

		TestRelay.Sms sms = relay.consentRequest(id);
		assertThat(sms.to()).isEqualTo(recipient.phone());
		assertThat(sms.text()).contains("형사처벌").contains("300,000원").doesNotContain("김송금").contains("김*금");
		assertThat(sms.kind()).isEqualTo(SmsKind.LMS);
		String code = TestRelay.code(sms);

		// full-width digits, extra words and an emoji around the code
		relay.reply(sms, recipient.phone(), "네 확인했어요 " + fullWidth(code) + " 👍");

		JsonNode done = awaitState(id, "executed");
		assertThat(done.get("status").asString()).isEqualTo("approved");
		assertThat(balance(remitter)).isEqualTo(700_000);
		assertThat(balance(recipient)).isEqualTo(300_000);
		assertThat(relay.awaitNotices(remitter.phone(), 1).get(0).text()).contains("완료");

		String evidence = get("/v1/transfers/" + id + "/evidence").body();
		JsonNode doc = json.readTree(evidence).get("document");
		assertThat(doc.get("outcome").get("state").asString()).isEqualTo("executed");
		assertThat(doc.get("terms").get("mode").asString()).isEqualTo("phishing_guard");
		assertThat(doc.get("replySender").get("isRecipientPhone").asBoolean()).isTrue();
		assertThat(evidence).doesNotContain(recipient.phone()).doesNotContain(recipient.account()).doesNotContain(code);
		assertThat(doc.get("codeCheck").get("replies").get(0).get("outcome").asString()).isEqualTo("code_accepted");
		assertThat(EvidenceFiles.verify(evidence, get("/v1/evidence/public-key").body())).isZero();
		assertThat(EvidenceFiles.verify(evidence.replace("\"amount\":300000", "\"amount\":3000000"),
				get("/v1/evidence/public-key").body()))
			.isEqualTo(1);
	}

	@Test
	void mutualConsentLoanCarriesItsTermsAndExecutes() throws Exception {
		Party remitter = party("박대여", 5_000_000);
		Party recipient = party("최차용", 10_000);
		Map<String, Object> body = transfer(remitter, recipient, 2_000_000, "MUTUAL_CONSENT");
		body.put("purpose", Map.of("type", "LOAN", "repaymentDate", "2027-03-31", "conditions", "무이자, 분할상환 불가"));

		TransferId id = TransferId.parse(create(body).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);
		assertThat(sms.text()).contains("대여금").contains("상환일 2027-03-31").contains("무이자").doesNotContain("형사처벌");

		relay.reply(sms, recipient.phone(), TestRelay.code(sms));

		awaitState(id, "executed");
		assertThat(balance(recipient)).isEqualTo(2_010_000);
		JsonNode terms = json.readTree(get("/v1/transfers/" + id + "/evidence").body()).get("document").get("terms");
		assertThat(terms.get("purpose").get("type").asString()).isEqualTo("loan");
		assertThat(terms.get("purpose").get("repaymentDate").asString()).isEqualTo("2027-03-31");
	}

	@Test
	void wrongCodesCountAndTheLastOneReleasesTheHold() throws Exception {
		Party remitter = party("정틀림", 100_000);
		Party recipient = party("한받음", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 50_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);
		String wrong = TestRelay.code(sms).equals("000000") ? "111111" : "000000";

		relay.reply(sms, recipient.phone(), wrong);
		relay.reply(sms, recipient.phone(), wrong);
		awaitValue(id, "wrongCodes", "2");
		assertThat(get("/v1/transfers/" + id).body()).contains("awaiting_consent");
		relay.reply(sms, recipient.phone(), wrong);

		JsonNode failed = awaitState(id, "failed");
		assertThat(failed.get("status").asString()).isEqualTo("max_attempts_reached");
		assertThat(balance(remitter)).isEqualTo(100_000);
		assertThat(balance(recipient)).isZero();
		// the right code after the end changes nothing
		relay.reply(sms, recipient.phone(), TestRelay.code(sms));
		TestRelay.sleep(1500);
		assertThat(balance(recipient)).isZero();
	}

	@Test
	void aReplyFromAnotherNumberIsIgnoredEvenWithTheRightCode() throws Exception {
		Party remitter = party("윤보냄", 100_000);
		Party recipient = party("서받음", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 40_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);

		relay.reply(sms, randomPhone(), TestRelay.code(sms));
		awaitReplyCount(id, 1);
		assertThat(get("/v1/transfers/" + id).body()).contains("awaiting_consent");
		assertThat(balance(recipient)).isZero();

		relay.reply(sms, recipient.phone(), TestRelay.code(sms));
		awaitState(id, "executed");
		JsonNode replies = json.readTree(get("/v1/transfers/" + id + "/evidence").body())
			.get("document")
			.get("codeCheck")
			.get("replies");
		assertThat(replies.get(0).get("outcome").asString()).isEqualTo("foreign_sender");
		assertThat(replies.get(1).get("outcome").asString()).isEqualTo("code_accepted");
	}

	@Test
	void aDeclineReleasesTheHoldAndTellsTheRemitter() throws Exception {
		Party remitter = party("강거절", 200_000);
		Party recipient = party("조거부", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 150_000, "PHISHING_GUARD")).get("id").asString());
		assertThat(balance(remitter)).isEqualTo(50_000);
		TestRelay.Sms sms = relay.consentRequest(id);

		// a refusal wins even next to the code
		relay.reply(sms, recipient.phone(), "거절합니다 거절 " + TestRelay.code(sms));

		JsonNode declined = awaitState(id, "declined");
		assertThat(declined.get("status").asString()).isEqualTo("denied");
		assertThat(balance(remitter)).isEqualTo(200_000);
		assertThat(balance(recipient)).isZero();
		assertThat(relay.awaitNotices(remitter.phone(), 1).get(0).text()).contains("거절");
	}

	@Test
	void noReplyInTimeExpiresAndReleasesTheHold() throws Exception {
		Party remitter = party("임만료", 90_000);
		Party recipient = party("배침묵", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 90_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);
		assertThat(balance(remitter)).isZero();

		JsonNode expired = awaitState(id, "expired", Duration.ofSeconds(40));
		assertThat(expired.get("status").asString()).isEqualTo("expired");
		assertThat(balance(remitter)).isEqualTo(90_000);

		// a late right code moves nothing
		relay.reply(sms, recipient.phone(), TestRelay.code(sms));
		awaitReplyCount(id, 1);
		assertThat(balance(recipient)).isZero();
		assertThat(balance(remitter)).isEqualTo(90_000);
	}

	/**
	 * More expired transfers than a Reactor operator prefetches (32) in one sweep: the
	 * sweep's own statements must not wait behind the rows it is still reading on the
	 * same connection (that hung the sweep, holding its row locks and its connection).
	 */
	@Test
	void aSweepOfManyExpiredTransfersReleasesEveryHold() throws Exception {
		int count = 45;
		Party remitter = party("한꺼번", count * 1_000L);
		Party recipient = party("모두만", 0);
		List<TransferId> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(TransferId
				.parse(create(transfer(remitter, recipient, 1_000, "PHISHING_GUARD")).get("id").asString()));
		}
		assertThat(balance(remitter)).isZero();
		// the time passes for all of them at once, so one sweep finds them together
		this.db.sql("UPDATE transfer.transfers SET expires_at = now() - interval '1 second' WHERE id = ANY($1)")
			.bind(0, ids.stream().map(TransferId::value).toArray(java.util.UUID[]::new))
			.then()
			.block(Duration.ofSeconds(10));

		for (TransferId id : ids) {
			awaitState(id, "expired", Duration.ofSeconds(15));
		}
		assertThat(balance(remitter)).isEqualTo(count * 1_000L);
		assertLedgerInvariants();
	}

	@Test
	void theSameReplyDeliveredTwiceExecutesOnce() throws Exception {
		Party remitter = party("오중복", 500_000);
		Party recipient = party("유한번", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 100_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);

		var event = relay.reply(sms, recipient.phone(), TestRelay.code(sms));
		// the same event again (Kafka redelivery), and the same reply as a new event (a
		// relay that republished it after a restart)
		relay.publish(event);
		relay.reply(sms, recipient.phone(), TestRelay.code(sms));

		awaitState(id, "executed");
		awaitReplyCount(id, 2);
		TestRelay.sleep(1000);
		assertThat(balance(recipient)).isEqualTo(100_000);
		assertThat(balance(remitter)).isEqualTo(400_000);
		assertThat(count("SELECT count(*) AS n FROM transfer.postings WHERE transfer_id = $1 AND kind = 'settle'", id))
			.isEqualTo(1);
		assertThat(count("SELECT count(*) AS n FROM transfer.evidence WHERE transfer_id = $1", id)).isEqualTo(1);
		assertThat(relay.noticesTo(remitter.phone())).hasSize(1);
	}

	/**
	 * Found by the fault run ({@code interop-tests}' {@code TransferKillIT}): the
	 * recipient answered in time, the relay published the reply, but this service was
	 * down (or its consumers rejoining) until after the expiry. The sweep must leave the
	 * transfer alone for {@code expiry-grace} (3 s here), so that the reply, received
	 * before the expiry, still executes it; a reply received after the expiry still does
	 * not, and the transfer expires once the grace is over.
	 */
	@Test
	void aReplyReceivedBeforeTheExpiryButHandledAfterItStillExecutes() throws Exception {
		Party remitter = party("늦처리", 200_000);
		Party recipient = party("제시간", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 70_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);
		TestRelay.sleep(1500);
		Instant receivedInTime = Instant.now().minusMillis(500);
		expireAgo(id, Duration.ofMillis(200));
		// more than one sweep passes before the waiting reply is consumed
		TestRelay.sleep(1200);
		assertThat(json.readTree(get("/v1/transfers/" + id).body()).get("state").asString())
			.as("expired under a waiting reply")
			.isEqualTo("awaiting_consent");

		relay.reply(sms, recipient.phone(), TestRelay.code(sms), receivedInTime);
		awaitState(id, "executed");
		assertThat(balance(recipient)).isEqualTo(70_000);
		assertThat(count("SELECT count(*) AS n FROM transfer.postings WHERE transfer_id = $1 AND kind = 'settle'", id))
			.isOne();

		TransferId late = TransferId
			.parse(create(transfer(remitter, recipient, 40_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms lateSms = relay.consentRequest(late);
		expireAgo(late, Duration.ofMillis(200));
		relay.reply(lateSms, recipient.phone(), TestRelay.code(lateSms), Instant.now());
		awaitReplyCount(late, 1);
		awaitState(late, "expired");
		assertThat(balance(recipient)).isEqualTo(70_000);
		assertThat(balance(remitter)).isEqualTo(130_000);
		assertThat(count(
				"SELECT count(*) AS n FROM transfer.replies WHERE transfer_id = $1 AND outcome = " + "'after_expiry'",
				late))
			.isOne();
		assertLedgerInvariants();
	}

	@Test
	void anUndeliverableConsentSmsFailsTheTransferAndReleasesTheHold() throws Exception {
		Party remitter = party("전달실패", 80_000);
		Party recipient = party("수신불가", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 80_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);
		relay.status(sms.id(), com.phoneverify.contracts.sms.SmsDeliveryStatus.SUBMITTED, null);
		relay.status(sms.id(), com.phoneverify.contracts.sms.SmsDeliveryStatus.FAILED, "0x0000000B");

		JsonNode failed = awaitState(id, "failed");
		assertThat(failed.get("reason").asString()).isEqualTo("consent_sms_failed");
		assertThat(failed.get("status").asString()).isEqualTo("failed");
		assertThat(balance(remitter)).isEqualTo(80_000);
	}

	@Test
	void aNormalTransferExecutesAtOnceWithoutConsent() throws Exception {
		Party remitter = party("남일반", 10_000);
		Party recipient = party("문일반", 0);
		JsonNode created = create(transfer(remitter, recipient, 10_000, "NORMAL"), 201);
		assertThat(created.get("state").asString()).isEqualTo("executed");
		assertThat(balance(remitter)).isZero();
		assertThat(balance(recipient)).isEqualTo(10_000);
	}

	@Test
	void theRemitterCanCancelWhileTheRecipientHasNotAnswered() throws Exception {
		Party remitter = party("천취소", 70_000);
		Party recipient = party("방대기", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 70_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);

		HttpResponse<String> canceled = post("/v1/transfers/" + id + "/cancel",
				Map.of("password", remitter.password()));
		assertThat(canceled.statusCode()).isEqualTo(200);
		assertThat(json.readTree(canceled.body()).get("status").asString()).isEqualTo("canceled");
		assertThat(balance(remitter)).isEqualTo(70_000);
		relay.reply(sms, recipient.phone(), TestRelay.code(sms));
		awaitReplyCount(id, 1);
		assertThat(balance(recipient)).isZero();
		assertThat(post("/v1/transfers/" + id + "/cancel", Map.of("password", remitter.password())).statusCode())
			.isEqualTo(409);
	}

	// --- requests relayed by the gateway
	// --------------------------------------------------

	@Test
	void aTransferRequestedThroughTheGatewayIsAnsweredOnceWithItsEvidence() throws Exception {
		Party remitter = party("게이트", 100_000);
		Party recipient = party("웨이수", 0);
		com.phoneverify.contracts.VerificationId id = com.phoneverify.contracts.VerificationId.random();

		var event = gateway.request(id, remitter.account(), remitter.password(), 30_000, recipient.account(),
				recipient.phone());
		gateway.resend(event);
		TestRelay.Sms sms = relay.consentRequest(new TransferId(id.value()));
		relay.reply(sms, recipient.phone(), TestRelay.code(sms));

		com.phoneverify.contracts.transfer.TransferCompleted completed = gateway.awaitCompleted(id);
		assertThat(completed.outcome()).isEqualTo(com.phoneverify.contracts.transfer.TransferOutcome.EXECUTED);
		assertThat(completed.merchantId()).isEqualTo(TestGateway.MERCHANT);
		assertThat(EvidenceFiles.verify(completed.evidence(), get("/v1/evidence/public-key").body())).isZero();
		assertThat(balance(recipient)).isEqualTo(30_000);
	}

	@Test
	void aGatewayRequestThatCannotStartIsRefusedWithTheReason() throws Exception {
		Party remitter = party("거부됨", 10_000);
		Party recipient = party("못받음", 0);
		com.phoneverify.contracts.VerificationId poor = com.phoneverify.contracts.VerificationId.random();
		gateway.request(poor, remitter.account(), remitter.password(), 20_000, recipient.account(), recipient.phone());
		com.phoneverify.contracts.transfer.TransferCompleted refused = gateway.awaitCompleted(poor);
		assertThat(refused.outcome()).isEqualTo(com.phoneverify.contracts.transfer.TransferOutcome.REFUSED);
		assertThat(refused.reason()).isEqualTo("insufficient_funds");
		assertThat(refused.evidence()).isNull();

		com.phoneverify.contracts.VerificationId wrong = com.phoneverify.contracts.VerificationId.random();
		gateway.request(wrong, remitter.account(), "not-the-password", 1_000, recipient.account(), recipient.phone());
		assertThat(gateway.awaitCompleted(wrong).reason()).isEqualTo("wrong_password");
		assertThat(balance(remitter)).isEqualTo(10_000);

		// a transfer that needs the OTP and comes without one is refused, saying so
		com.phoneverify.contracts.VerificationId large = com.phoneverify.contracts.VerificationId.random();
		gateway.request(large, remitter.account(), remitter.password(), 7_000_000, recipient.account(),
				recipient.phone());
		assertThat(gateway.awaitCompleted(large).reason()).isEqualTo("otp_required");
		assertThat(balance(remitter)).isEqualTo(10_000);
	}

	@Test
	void theMerchantCancelsAGatewayTransferBeforeAndAfterItStarts() throws Exception {
		Party remitter = party("취소함", 50_000);
		Party recipient = party("대기중", 0);
		com.phoneverify.contracts.VerificationId pending = com.phoneverify.contracts.VerificationId.random();
		gateway.request(pending, remitter.account(), remitter.password(), 20_000, recipient.account(),
				recipient.phone());
		relay.consentRequest(new TransferId(pending.value()));
		gateway.cancel(pending);
		com.phoneverify.contracts.transfer.TransferCompleted canceled = gateway.awaitCompleted(pending);
		assertThat(canceled.outcome()).isEqualTo(com.phoneverify.contracts.transfer.TransferOutcome.CANCELED);
		assertThat(canceled.evidence()).contains("\"state\":\"canceled\"");
		assertThat(balance(remitter)).isEqualTo(50_000);

		// canceled before the request arrives: it never starts
		com.phoneverify.contracts.VerificationId early = com.phoneverify.contracts.VerificationId.random();
		gateway.cancel(early);
		TestRelay.sleep(500);
		gateway.request(early, remitter.account(), remitter.password(), 20_000, recipient.account(), recipient.phone());
		assertThat(gateway.awaitCompleted(early).outcome())
			.isEqualTo(com.phoneverify.contracts.transfer.TransferOutcome.CANCELED);
		assertThat(balance(remitter)).isEqualTo(50_000);
	}

	// --- the name check ----------------------------------------------------------------

	@Test
	void aPhoneHeldBySomeoneElseIsRefusedAndACloseMatchShowsTheMaskedName() throws Exception {
		Party remitter = party("탁이름", 100_000);
		Party recipient = party("홍길동", 0);
		Map<String, Object> body = transfer(remitter, recipient, 10_000, "PHISHING_GUARD");

		telco.register(recipient.phone(), "홍길돈");
		HttpResponse<String> close = post("/v1/transfers", body);
		assertThat(close.statusCode()).isEqualTo(409);
		assertThat(json.readTree(close.body()).get("telcoNameMasked").asString()).isEqualTo("홍*돈");
		body.put("acceptCloseMatch", true);
		assertThat(post("/v1/transfers", body).statusCode()).isEqualTo(202);

		telco.register(recipient.phone(), "전혀다른사람");
		body.remove("acceptCloseMatch");
		assertProblem(post("/v1/transfers", body), 422, "name-mismatch", "recipientPhone");
		assertThat(balance(remitter)).isEqualTo(90_000);
	}

	// --- the remitter's OTP (verified by otp-service over Kafka) -----------------------

	@Test
	void aTransferAboveTheOtpThresholdWaitsForTheVerifiedOtpThenForConsent() throws Exception {
		Party remitter = party("오티피", 9_000_000);
		Party recipient = party("변수취", 0);
		Map<String, Object> body = withOtp(transfer(remitter, recipient, 7_000_000, "PHISHING_GUARD"), "12345678");

		JsonNode created = create(body);
		assertThat(created.get("state").asString()).isEqualTo("awaiting_otp");
		assertThat(created.get("status").asString()).isEqualTo("pending");
		TransferId id = TransferId.parse(created.get("id").asString());
		// nothing is held and nobody is asked before the OTP is verified
		assertThat(balance(remitter)).isEqualTo(9_000_000);

		// the OCRA binding: the request carries this transfer's recipient account and
		// amount
		TestOtpService.Request request = otpService.requestFor(id);
		assertThat(request.recipientAccount()).isEqualTo(recipient.account());
		assertThat(request.amount()).isEqualByComparingTo("7000000");
		assertThat(request.code()).isEqualTo("12345678");
		assertThat(request.realNameId()).isEqualTo(REAL_NAME_ID);
		assertThat(request.tokenKind()).isEqualTo(com.phoneverify.contracts.otp.OtpTokenKind.HARDWARE);
		assertThat(request.pin()).isNull();
		assertThat(request.merchant()).isEqualTo("bank");
		assertThat(relay.hasConsentRequest(id)).isFalse();

		otpService.answer(request, com.phoneverify.contracts.otp.OtpVerificationResult.VERIFIED);
		awaitState(id, "awaiting_consent");
		assertThat(balance(remitter)).isEqualTo(2_000_000);
		TestRelay.Sms sms = relay.consentRequest(id);
		assertThat(sms.to()).isEqualTo(recipient.phone());
		assertThat(sms.text()).contains("7,000,000원");

		relay.reply(sms, recipient.phone(), TestRelay.code(sms));
		awaitState(id, "executed");
		assertThat(balance(remitter)).isEqualTo(2_000_000);
		assertThat(balance(recipient)).isEqualTo(7_000_000);

		// the same answer again changes nothing
		otpService.answer(request, com.phoneverify.contracts.otp.OtpVerificationResult.VERIFIED);
		TestRelay.sleep(1_000);
		assertThat(balance(recipient)).isEqualTo(7_000_000);
		assertThat(count("SELECT count(*) AS n FROM transfer.postings WHERE transfer_id = $1 AND kind = 'hold'", id))
			.isEqualTo(1);
		assertLedgerInvariants();
	}

	@Test
	void aNormalTransferAboveTheThresholdExecutesOnceItsOtpIsVerified() throws Exception {
		Party remitter = party("노르말", 7_000_000);
		Party recipient = party("노수취", 0);
		JsonNode created = create(withOtp(transfer(remitter, recipient, 6_500_000, "NORMAL"), "87654321"));
		assertThat(created.get("state").asString()).isEqualTo("awaiting_otp");
		TransferId id = TransferId.parse(created.get("id").asString());
		assertThat(balance(remitter)).isEqualTo(7_000_000);

		otpService.answer(otpService.requestFor(id), com.phoneverify.contracts.otp.OtpVerificationResult.VERIFIED);
		awaitState(id, "executed");
		assertThat(balance(remitter)).isEqualTo(500_000);
		assertThat(balance(recipient)).isEqualTo(6_500_000);
	}

	@Test
	void aRejectedOrRefusedOtpFailsTheTransferAndMovesNoMoney() throws Exception {
		Party remitter = party("거부송", 9_000_000);
		Party recipient = party("거부수", 0);

		TransferId rejected = TransferId
			.parse(create(withOtp(transfer(remitter, recipient, 7_000_000, "PHISHING_GUARD"), "00000000")).get("id")
				.asString());
		otpService.answer(otpService.requestFor(rejected),
				com.phoneverify.contracts.otp.OtpVerificationResult.REJECTED);
		JsonNode failed = awaitState(rejected, "failed");
		assertThat(failed.get("reason").asString()).isEqualTo("otp_rejected");
		assertThat(failed.get("status").asString()).isEqualTo("failed");

		TransferId refused = TransferId
			.parse(create(withOtp(transfer(remitter, recipient, 6_000_001, "PHISHING_GUARD"), "11111111")).get("id")
				.asString());
		otpService.answer(otpService.requestFor(refused), com.phoneverify.contracts.otp.OtpVerificationResult.REFUSED);
		assertThat(awaitState(refused, "failed").get("reason").asString()).isEqualTo("otp_refused_token_locked");

		assertThat(balance(remitter)).isEqualTo(9_000_000);
		assertThat(balance(recipient)).isZero();
		assertThat(relay.hasConsentRequest(rejected)).isFalse();
		assertThat(relay.hasConsentRequest(refused)).isFalse();
		assertThat(count("SELECT count(*) AS n FROM transfer.postings WHERE transfer_id = $1", rejected)).isZero();
		// the remitter is told, and told that nothing left the account
		assertThat(relay.awaitNotices(remitter.phone(), 2))
			.allSatisfy((notice) -> assertThat(notice.text()).contains("OTP 확인에 실패").contains("출금되지 않았습니다"));
		// a verification after the end moves nothing
		otpService.answer(otpService.requestFor(rejected),
				com.phoneverify.contracts.otp.OtpVerificationResult.VERIFIED);
		TestRelay.sleep(1_000);
		assertThat(get("/v1/transfers/" + rejected).body()).contains("\"failed\"");
		assertThat(balance(remitter)).isEqualTo(9_000_000);
		assertLedgerInvariants();
	}

	@Test
	void aGatewayTransferCarriesTheRemittersOtpToOtpServiceAndExecutesOnceVerified() throws Exception {
		Party remitter = party("게오티", 8_000_000);
		Party recipient = party("게수취", 0);
		com.phoneverify.contracts.VerificationId id = com.phoneverify.contracts.VerificationId.random();
		gateway.request(id, remitter.account(), remitter.password(), 6_500_000, recipient.account(), recipient.phone(),
				"55555555");
		TransferId transfer = new TransferId(id.value());

		TestOtpService.Request request = otpService.requestFor(transfer);
		assertThat(request.merchant()).isEqualTo(TestGateway.MERCHANT.value());
		assertThat(request.code()).isEqualTo("55555555");
		assertThat(request.realNameId()).isEqualTo(REAL_NAME_ID);
		assertThat(request.recipientAccount()).isEqualTo(recipient.account());
		assertThat(request.amount()).isEqualByComparingTo("6500000");
		assertThat(balance(remitter)).isEqualTo(8_000_000);

		otpService.answer(request, com.phoneverify.contracts.otp.OtpVerificationResult.VERIFIED);
		TestRelay.Sms sms = relay.consentRequest(transfer);
		relay.reply(sms, recipient.phone(), TestRelay.code(sms));
		com.phoneverify.contracts.transfer.TransferCompleted completed = gateway.awaitCompleted(id);
		assertThat(completed.outcome()).isEqualTo(com.phoneverify.contracts.transfer.TransferOutcome.EXECUTED);
		assertThat(balance(recipient)).isEqualTo(6_500_000);
	}

	@Test
	void theOtpIsRequiredAboveTheThresholdOnlyAndItsAbsenceIsRefusedAtOnce() throws Exception {
		Party remitter = party("문턱송", 8_000_000);
		Party recipient = party("문턱수", 0);

		assertProblem(post("/v1/transfers", transfer(remitter, recipient, 6_000_001, "PHISHING_GUARD")), 422,
				"otp-required", "otp");
		assertThat(balance(remitter)).isEqualTo(8_000_000);
		Map<String, Object> mobileWithoutPin = withOtp(transfer(remitter, recipient, 6_000_001, "PHISHING_GUARD"),
				"123456");
		((Map<String, Object>) mobileWithoutPin.get("otp")).put("tokenKind", "MOBILE");
		assertProblem(post("/v1/transfers", mobileWithoutPin), 422, "invalid-request", "otp.pin");

		// at the threshold: no OTP, consent asked at once
		JsonNode atThreshold = create(transfer(remitter, recipient, 6_000_000, "PHISHING_GUARD"));
		assertThat(atThreshold.get("state").asString()).isEqualTo("awaiting_consent");
		TransferId id = TransferId.parse(atThreshold.get("id").asString());
		assertThat(relay.consentRequest(id).to()).isEqualTo(recipient.phone());
		assertThat(otpService.requestsFor(id)).isEmpty();
		assertThat(balance(remitter)).isEqualTo(2_000_000);
	}

	@Test
	void anOtpAnswerThatNeverComesExpiresTheTransferAndALateOneMovesNothing() throws Exception {
		Party remitter = party("만료송", 7_000_000);
		Party recipient = party("만료수", 0);
		TransferId id = TransferId
			.parse(create(withOtp(transfer(remitter, recipient, 6_100_000, "PHISHING_GUARD"), "22222222")).get("id")
				.asString());
		TestOtpService.Request request = otpService.requestFor(id);

		JsonNode expired = awaitState(id, "expired", Duration.ofSeconds(60));
		assertThat(expired.get("reason").asString()).isEqualTo("no_otp_answer");
		otpService.answer(request, com.phoneverify.contracts.otp.OtpVerificationResult.VERIFIED);
		TestRelay.sleep(1_000);
		assertThat(get("/v1/transfers/" + id).body()).contains("\"expired\"");
		assertThat(balance(remitter)).isEqualTo(7_000_000);
		assertThat(relay.hasConsentRequest(id)).isFalse();
		assertLedgerInvariants();
	}

	// --- bad input: clear problems, no money moved -------------------------------------

	@Test
	void badInputIsAProblemAndMovesNoMoney() throws Exception {
		Party remitter = party("고입력", 100_000);
		Party recipient = party("남검증", 0);

		Map<String, Object> unknownFrom = transfer(remitter, recipient, 1_000, "PHISHING_GUARD");
		unknownFrom.put("fromAccount", randomAccount());
		assertProblem(post("/v1/transfers", unknownFrom), 422, "unknown-account", "fromAccount");
		Map<String, Object> unknownTo = transfer(remitter, recipient, 1_000, "PHISHING_GUARD");
		unknownTo.put("toAccount", randomAccount());
		assertProblem(post("/v1/transfers", unknownTo), 422, "unknown-account", "toAccount");
		assertProblem(post("/v1/transfers", transfer(remitter, recipient, 100_001, "PHISHING_GUARD")), 422,
				"insufficient-funds", "amount");
		assertProblem(post("/v1/transfers", transfer(remitter, recipient, 0, "PHISHING_GUARD")), 422, "invalid-request",
				"amount");
		assertProblem(post("/v1/transfers", transfer(remitter, recipient, -5, "NORMAL")), 422, "invalid-request",
				"amount");
		assertProblem(post("/v1/transfers", transfer(remitter, recipient, 10_000_001, "PHISHING_GUARD")), 422,
				"amount-over-limit", "amount");
		Map<String, Object> badPhone = transfer(remitter, recipient, 1_000, "PHISHING_GUARD");
		badPhone.put("recipientPhone", "+1 555 0100");
		assertProblem(post("/v1/transfers", badPhone), 422, "invalid-request", "recipientPhone");
		Map<String, Object> noPhone = transfer(remitter, recipient, 1_000, "PHISHING_GUARD");
		noPhone.remove("recipientPhone");
		assertProblem(post("/v1/transfers", noPhone), 422, "invalid-request", "recipientPhone");
		assertProblem(post("/v1/transfers", transfer(remitter, recipient, 1_000, "MUTUAL_CONSENT")), 422,
				"invalid-request", "purpose");
		Map<String, Object> badAccount = transfer(remitter, recipient, 1_000, "PHISHING_GUARD");
		badAccount.put("toAccount", "12-34");
		assertProblem(post("/v1/transfers", badAccount), 422, "invalid-request", "toAccount");
		Map<String, Object> badMode = transfer(remitter, recipient, 1_000, "TWO_WAY");
		assertProblem(post("/v1/transfers", badMode), 422, "invalid-request", "mode");
		HttpResponse<String> malformed = send(HttpRequest.newBuilder(uri("/v1/transfers"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"amount\": ")));
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		assertThat(balance(remitter)).isEqualTo(100_000);
		assertThat(balance(recipient)).isZero();
		assertThat(count("SELECT count(*) AS n FROM transfer.transfers WHERE from_account = $1", remitter.account()))
			.isZero();
	}

	@Test
	void wrongPasswordsLockTheAccount() throws Exception {
		Party remitter = party("백잠금", 100_000);
		Party recipient = party("신수신", 0);
		Map<String, Object> body = transfer(remitter, recipient, 1_000, "NORMAL");
		body.put("password", "wrong-password");
		for (int i = 0; i < 5; i++) {
			assertProblem(post("/v1/transfers", body), 401, "wrong-password", "password");
		}
		body.put("password", remitter.password());
		assertProblem(post("/v1/transfers", body), 403, "account-locked", "fromAccount");
		assertThat(balance(remitter)).isEqualTo(100_000);
	}

	// --- the ledger under load
	// -----------------------------------------------------------

	@Test
	void manyConcurrentTransfersKeepTheLedgerBalanced() throws Exception {
		List<Party> parties = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			parties.add(party("동시" + i, 300_000));
		}
		long total = 5 * 300_000L;
		List<Thread> threads = new ArrayList<>();
		List<TransferId> started = java.util.Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < 40; i++) {
			int n = i;
			Thread thread = new Thread(() -> {
				Party from = parties.get(n % 5);
				Party to = parties.get((n * 3 + 1) % 5);
				if (from == to) {
					to = parties.get((n + 1) % 5);
				}
				try {
					HttpResponse<String> response = post("/v1/transfers",
							transfer(from, to, 20_000 + 1_000 * (n % 7), "PHISHING_GUARD"));
					if (response.statusCode() == 202) {
						TransferId id = TransferId.parse(json.readTree(response.body()).get("id").asString());
						started.add(id);
						TestRelay.Sms sms = relay.consentRequest(id);
						relay.reply(sms, to.phone(), (n % 4 == 0) ? "거절" : TestRelay.code(sms));
					}
					else {
						assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(started).isNotEmpty();
		for (TransferId id : started) {
			awaitFinal(id);
		}
		long sum = 0;
		for (Party party : parties) {
			long balance = balance(party);
			assertThat(balance).isNotNegative();
			sum += balance;
		}
		assertThat(sum).isEqualTo(total);
		assertLedgerInvariants();
	}

	/** Holds after every test class's work too: double entry, and balances = entries. */
	private void assertLedgerInvariants() {
		Map<String, Object> row = this.db
			.sql("""
					SELECT (SELECT coalesce(sum(balance), 0) FROM transfer.accounts) AS all_balances,
					       (SELECT count(*) FROM transfer.accounts a WHERE a.balance <> (SELECT coalesce(sum(e.amount), 0)
					          FROM transfer.entries e WHERE e.account_number = a.account_number)) AS drifted,
					       (SELECT count(*) FROM (SELECT posting_id FROM transfer.entries GROUP BY posting_id
					          HAVING sum(amount) <> 0) p) AS unbalanced,
					       (SELECT balance FROM transfer.accounts WHERE account_number = 'SYS-ESCROW') AS escrow,
					       (SELECT coalesce(sum(amount), 0) FROM transfer.transfers WHERE state = 'awaiting_consent') AS held,
					       (SELECT count(*) FROM transfer.accounts WHERE kind <> 'funding' AND balance < 0) AS negative
					""")
			.fetch()
			.one()
			.block(Duration.ofSeconds(10));
		assertThat(((Number) row.get("all_balances")).longValue()).isZero();
		assertThat(((Number) row.get("drifted")).longValue()).isZero();
		assertThat(((Number) row.get("unbalanced")).longValue()).isZero();
		assertThat(((Number) row.get("escrow")).longValue()).isEqualTo(((Number) row.get("held")).longValue());
		assertThat(((Number) row.get("negative")).longValue()).isZero();
	}

	// --- the ARS fallback (scenario E)
	// ------------------------------------------------------

	@Test
	void noReplyInTimeBringsOneArsCallAndPressingOneExecutesOnceWithEvidenceOfTheCall() throws Exception {
		Party remitter = party("구동의", 400_000);
		Party recipient = party("나전화", 0);
		JsonNode created = create(transfer(remitter, recipient, 150_000, "PHISHING_GUARD"));
		TransferId id = TransferId.parse(created.get("id").asString());
		relay.consentRequest(id);

		TestArs.Call call = ars.awaitCallTo(recipient.phone(), Duration.ofSeconds(20));
		assertThat(call.scenario()).isEqualTo(ArsScenario.E);
		assertThat(call.hasCode()).isFalse();
		assertThat(call.codeLength()).isZero();
		// the service's own transfer: its configured merchant; until the consent expiry
		assertThat(call.merchant().value()).isEqualTo("bank");
		// (stored to the microsecond)
		assertThat(Duration.between(call.expiresAt(), Instant.parse(created.get("expiresAt").asString())).abs())
			.isLessThan(Duration.ofMillis(1));
		assertThat(count("SELECT count(*) AS n FROM transfer.transfers WHERE id = $1 AND ars_verification_id = '"
				+ call.id() + "'", id))
			.isOne();

		EventEnvelope<CallCompleted> agreed = ars.answered(call, ScenarioResult.AGREED);
		JsonNode done = awaitState(id, "executed");
		assertThat(done.get("status").asString()).isEqualTo("approved");
		// the same event again, and the same call reported again under a new event id
		ars.publish(agreed);
		ars.answered(call, ScenarioResult.AGREED);
		awaitReplyCount(id, 2);
		TestRelay.sleep(500);

		assertThat(balance(remitter)).isEqualTo(250_000);
		assertThat(balance(recipient)).isEqualTo(150_000);
		assertThat(count("SELECT count(*) AS n FROM transfer.postings WHERE transfer_id = $1 AND kind = 'settle'", id))
			.isOne();
		assertThat(count("SELECT count(*) AS n FROM transfer.evidence WHERE transfer_id = $1", id)).isOne();
		assertThat(relay.awaitNotices(remitter.phone(), 1)).hasSize(1);
		assertThat(ars.callsTo(recipient.phone())).hasSize(1);
		// the call itself decided: nothing to stop
		assertThat(ars.stopped(call)).isFalse();
		String evidence = get("/v1/transfers/" + id + "/evidence").body();
		JsonNode doc = json.readTree(evidence).get("document");
		assertThat(doc.get("decidedBy").asString()).isEqualTo("ars_call");
		JsonNode arsCall = doc.get("arsCall");
		assertThat(arsCall.get("verificationId").asString()).isEqualTo(call.id().toString());
		assertThat(arsCall.get("scenarioResult").asString()).isEqualTo("agreed");
		assertThat(arsCall.get("decided").asBoolean()).isTrue();
		assertThat(arsCall.get("answerMillis").asLong()).isEqualTo(3_200L);
		assertThat(arsCall.get("totalMillis").asLong()).isEqualTo(18_500L);
		assertThat(arsCall.get("endedAt").asString()).isEqualTo(doc.get("timestamps").get("repliedAt").asString());
		assertThat(doc.get("replySender").get("isRecipientPhone").asBoolean()).isTrue();
		assertThat(doc.get("codeCheck").get("replies").get(0).get("outcome").asString()).isEqualTo("ars_agreed");
		assertThat(evidence).doesNotContain(recipient.phone());
		assertThat(EvidenceFiles.verify(evidence, get("/v1/evidence/public-key").body())).isZero();
		assertLedgerInvariants();
	}

	@Test
	void pressingTwoOnTheArsCallDeclinesAndReleasesTheHold() throws Exception {
		Party remitter = party("구거절", 300_000);
		Party recipient = party("나거부", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 120_000, "PHISHING_GUARD")).get("id").asString());
		assertThat(balance(remitter)).isEqualTo(180_000);

		TestArs.Call call = ars.awaitCallTo(recipient.phone(), Duration.ofSeconds(20));
		ars.answered(call, ScenarioResult.REFUSED);

		JsonNode done = awaitState(id, "declined");
		assertThat(done.get("status").asString()).isEqualTo("denied");
		assertThat(balance(remitter)).isEqualTo(300_000);
		assertThat(balance(recipient)).isZero();
		JsonNode doc = json.readTree(get("/v1/transfers/" + id + "/evidence").body()).get("document");
		assertThat(doc.get("decidedBy").asString()).isEqualTo("ars_call");
		assertThat(doc.get("arsCall").get("scenarioResult").asString()).isEqualTo("refused");
		assertLedgerInvariants();
	}

	@Test
	void anUnansweredArsCallChangesNothingAndTheSmsReplyStillExecutes() throws Exception {
		Party remitter = party("구부재", 300_000);
		Party recipient = party("나부재", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 70_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);

		TestArs.Call call = ars.awaitCallTo(recipient.phone(), Duration.ofSeconds(20));
		ars.notAnswered(call, CallOutcome.NO_ANSWER, 487);
		ars.answered(call, ScenarioResult.WRONG_INPUT);
		awaitReplyCount(id, 1);
		// several sweeps later: still waiting, no second call
		TestRelay.sleep(2_000);
		assertThat(json.readTree(get("/v1/transfers/" + id).body()).get("state").asString())
			.isEqualTo("awaiting_consent");
		assertThat(balance(remitter)).isEqualTo(230_000);
		assertThat(ars.callsTo(recipient.phone())).hasSize(1);

		relay.reply(sms, recipient.phone(), TestRelay.code(sms));

		awaitState(id, "executed");
		assertThat(balance(recipient)).isEqualTo(70_000);
		JsonNode doc = json.readTree(get("/v1/transfers/" + id + "/evidence").body()).get("document");
		assertThat(doc.get("decidedBy").asString()).isEqualTo("sms_reply");
		// the first report of the call counts; the second one is recorded as a reply
		assertThat(doc.get("arsCall").get("outcome").asString()).isEqualTo("no_answer");
		assertThat(doc.get("arsCall").get("decided").asBoolean()).isFalse();
		assertThat(doc.get("codeCheck").get("replies").findValuesAsString("outcome")).contains("ars_no_answer",
				"code_accepted");
		// the call had ended already: nothing to stop
		TestRelay.sleep(500);
		assertThat(ars.stopped(call)).isFalse();
		assertLedgerInvariants();
	}

	@Test
	void anSmsReplyWhileTheArsCallIsStillOnStopsTheCall() throws Exception {
		Party remitter = party("구중단", 300_000);
		Party recipient = party("나중단", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 60_000, "PHISHING_GUARD")).get("id").asString());
		TestRelay.Sms sms = relay.consentRequest(id);
		TestArs.Call call = ars.awaitCallTo(recipient.phone(), Duration.ofSeconds(20));
		assertThat(ars.stopped(call)).isFalse();

		relay.reply(sms, recipient.phone(), TestRelay.code(sms));

		awaitState(id, "executed");
		awaitTrue("the call is told to stop", () -> ars.stopped(call));
		// the stopped call reports its end: recorded, and it decides nothing
		ars.complete(new CallCompleted(call.id(), call.merchant(), CallOutcome.CANCELED, null, null,
				new CallTimings(900L, null, 1_500L)));
		awaitReplyCount(id, 2);
		assertThat(balance(recipient)).isEqualTo(60_000);
		assertThat(count("SELECT count(*) AS n FROM transfer.replies WHERE transfer_id = $1 AND outcome = "
				+ "'ars_canceled_after_end'", id))
			.isOne();
		assertLedgerInvariants();
	}

	@Test
	void aTransferThatExpiresWhileItsArsCallIsOnStopsTheCall() throws Exception {
		Party remitter = party("구만료", 300_000);
		Party recipient = party("나만료", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 30_000, "PHISHING_GUARD")).get("id").asString());
		TestArs.Call call = ars.awaitCallTo(recipient.phone(), Duration.ofSeconds(20));

		expireNow(id);

		awaitState(id, "expired");
		awaitTrue("the call is told to stop", () -> ars.stopped(call));
		assertThat(balance(remitter)).isEqualTo(300_000);
	}

	@Test
	void aCallCompletedForAVerificationOfAnotherServiceIsIgnored() throws Exception {
		Party remitter = party("구무관", 100_000);
		Party recipient = party("나무관", 0);
		TransferId id = TransferId
			.parse(create(transfer(remitter, recipient, 10_000, "PHISHING_GUARD")).get("id").asString());
		TestArs.Call ours = ars.awaitCallTo(recipient.phone(), Duration.ofSeconds(20));
		TestArs.Call foreign = new TestArs.Call(VerificationId.random(), ours.merchant(), ArsScenario.E,
				recipient.phone(), false, 0, ours.expiresAt());

		ars.answered(foreign, ScenarioResult.AGREED);
		ars.answered(ours, ScenarioResult.AGREED);

		awaitState(id, "executed");
		assertThat(count("SELECT count(*) AS n FROM transfer.replies WHERE transfer_id = $1", id)).isOne();
	}

	@Test
	void monthlyCountsPerModeAsInTable4() throws Exception {
		Party remitter = party("표사월", 100_000);
		Party recipient = party("표수취", 0);
		create(transfer(remitter, recipient, 1_000, "NORMAL"), 201);
		create(transfer(remitter, recipient, 1_000, "PHISHING_GUARD"));
		String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Seoul")).toString();
		JsonNode table = json.readTree(get("/v1/statistics/monthly?from=" + month + "&to=" + month).body());
		JsonNode row = table.get("months").get(0);
		assertThat(row.get("month").asString()).isEqualTo(month);
		assertThat(row.get("NORMAL").get("requested").asLong()).isPositive();
		assertThat(row.get("PHISHING_GUARD").get("requested").asLong()).isPositive();
		assertThat(row.get("total").asLong())
			.isEqualTo(row.get("NORMAL").get("requested").asLong() + row.get("PHISHING_GUARD").get("requested").asLong()
					+ row.get("MUTUAL_CONSENT").get("requested").asLong());
		assertProblem(get("/v1/statistics/monthly?from=2026-13&to=2026-01"), 422, "invalid-request", "from");
	}

	// --- helpers
	// -------------------------------------------------------------------------

	record Party(String account, String name, String phone, String password) {
	}

	private Party party(String name, long balance) throws Exception {
		Party party = new Party(randomAccount(), name, randomPhone(), "pw-" + ThreadLocalRandom.current().nextInt());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("accountNumber", party.account());
		body.put("holderName", name);
		body.put("phone", party.phone());
		body.put("password", party.password());
		body.put("openingBalance", balance);
		HttpResponse<String> response = post("/v1/accounts", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		telco.register(party.phone(), name);
		return party;
	}

	private static Map<String, Object> transfer(Party from, Party to, long amount, String mode) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("fromAccount", from.account());
		body.put("password", from.password());
		body.put("amount", amount);
		body.put("toBank", "999");
		body.put("toAccount", to.account());
		body.put("recipientPhone", to.phone());
		body.put("mode", mode);
		return body;
	}

	static final String REAL_NAME_ID = "900101-1234567";

	/** The remitter's hardware OTP code for the transfer. */
	private static Map<String, Object> withOtp(Map<String, Object> body, String code) {
		Map<String, Object> otp = new LinkedHashMap<>();
		otp.put("realNameId", REAL_NAME_ID);
		otp.put("tokenKind", "HARDWARE");
		otp.put("code", code);
		body.put("otp", otp);
		return body;
	}

	private JsonNode create(Map<String, Object> body) throws Exception {
		return create(body, 202);
	}

	private JsonNode create(Map<String, Object> body, int status) throws Exception {
		HttpResponse<String> response = post("/v1/transfers", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return json.readTree(response.body());
	}

	private long balance(Party party) throws Exception {
		return json.readTree(get("/v1/accounts/" + party.account()).body()).get("balance").asLong();
	}

	private JsonNode awaitState(TransferId id, String state) throws Exception {
		return awaitState(id, state, Duration.ofSeconds(30));
	}

	private JsonNode awaitState(TransferId id, String state, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode transfer;
		do {
			transfer = json.readTree(get("/v1/transfers/" + id).body());
			if (state.equals(transfer.get("state").asString())) {
				return transfer;
			}
			TestRelay.sleep(100);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("transfer " + id + " is " + transfer.get("state") + ", not " + state);
	}

	private void awaitValue(TransferId id, String field, String value) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (value.equals(json.readTree(get("/v1/transfers/" + id).body()).get(field).asString())) {
				return;
			}
			TestRelay.sleep(100);
		}
		throw new AssertionError(field + " of " + id + " never became " + value);
	}

	private void awaitFinal(TransferId id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (!"awaiting_consent".equals(json.readTree(get("/v1/transfers/" + id).body()).get("state").asString())) {
				return;
			}
			TestRelay.sleep(100);
		}
		throw new AssertionError("transfer " + id + " never finished");
	}

	/** Its consent expiry passed this long ago. */
	private void expireAgo(TransferId id, Duration ago) {
		this.db.sql("UPDATE transfer.transfers SET expires_at = $2 WHERE id = $1")
			.bind(0, id.value())
			.bind(1, java.time.OffsetDateTime.ofInstant(Instant.now().minus(ago), java.time.ZoneOffset.UTC))
			.then()
			.block(Duration.ofSeconds(10));
	}

	/** Its consent expiry passes now: the next sweep expires it (after the grace). */
	private void expireNow(TransferId id) {
		this.db.sql("UPDATE transfer.transfers SET expires_at = now() - interval '1 second' WHERE id = $1")
			.bind(0, id.value())
			.then()
			.block(Duration.ofSeconds(10));
	}

	private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(what + ": not within 20 s");
			}
			TestRelay.sleep(100);
		}
	}

	private void awaitReplyCount(TransferId id, long count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (count("SELECT count(*) AS n FROM transfer.replies WHERE transfer_id = $1", id) >= count) {
				return;
			}
			TestRelay.sleep(100);
		}
		throw new AssertionError(count + " replies to " + id + " never recorded");
	}

	private long count(String sql, Object parameter) {
		Object value = (parameter instanceof TransferId id) ? id.value() : parameter;
		return ((Number) this.db.sql(sql).bind(0, value).fetch().one().block(Duration.ofSeconds(10)).get("n"))
			.longValue();
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type, String field)
			throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("type").asString()).endsWith("/" + type);
		assertThat(problem.get("field").asString()).isEqualTo(field);
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

	private HttpResponse<String> post(String path, Object body) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
		try {
			return this.http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (java.net.http.HttpTimeoutException ex) {
			// what every thread was doing: this showed reactor-netty's unread keep-alive
			// connection (messaging's KeepAliveReads), idle event loops and a waiting
			// client
			System.err.println("No answer to " + built.method() + " " + built.uri() + " in 30 s; threads:");
			for (java.lang.management.ThreadInfo thread : java.lang.management.ManagementFactory.getThreadMXBean()
				.dumpAllThreads(true, true)) {
				System.err.println("\"" + thread.getThreadName() + "\" " + thread.getThreadState()
						+ ((thread.getLockName() != null) ? " on " + thread.getLockName() : ""));
				for (StackTraceElement frame : thread.getStackTrace()) {
					System.err.println("\t\tat " + frame);
				}
			}
			throw ex;
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	static String randomAccount() {
		return "1002" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
	}

	static String randomPhone() {
		return "+8210" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	static String fullWidth(String digits) {
		StringBuilder wide = new StringBuilder();
		digits.chars().forEach((c) -> wide.append((char) (c - '0' + '０')));
		return wide.toString();
	}

	static String base64(int bytes) {
		byte[] key = new byte[bytes];
		new java.security.SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
