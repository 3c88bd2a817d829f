package com.phoneverify.gateway.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.otp.OtpTokenKind;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.TransferCompleted;
import com.phoneverify.contracts.transfer.TransferMode;
import com.phoneverify.contracts.transfer.TransferOutcome;
import com.phoneverify.contracts.transfer.TransferPurpose;
import com.phoneverify.contracts.transfer.TransferOtp;
import com.phoneverify.contracts.transfer.TransferRequested;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.GatewayIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers through the gateway on the real broker and database: the request goes out
 * sealed as {@code transfer-requested}; {@code transfer-completed} (published here, as
 * transfer-consent-service would) ends the verification in the one status vocabulary,
 * with its {@code verification-outcomes} event and the evidence to download.
 */
class TransferApiIntegrationTests extends GatewayIntegrationTest {

	private static final String PATH = "/v1/transfers";

	private static final Sealer events = Sealer
		.of(Map.of(EVENTS_KEY_ID, "kF2vA7q1zXo9m3R8cT5yW0bN6eH4jL2uS1dG8pQ7iVc="), EVENTS_KEY_ID);

	private final EventCodec codec = new EventCodec();

	private static final String LOAN = """
			{"mode":"MUTUAL_CONSENT","fromAccount":"1002-003-004005","password":"pw-1234","amount":2000000,
			 "toBank":"999","toAccount":"1002003004006","recipientPhone":"010-5550-1234",
			 "purpose":{"type":"LOAN","repaymentDate":"2027-03-31","conditions":"무이자"},"expiresInSeconds":600}""";

	@Test
	void aTransferRequestGoesOutSealedAndItsResultApprovesWithEvidence() {
		Merchant merchant = createMerchant();
		Response created = signed(merchant, "POST", PATH, LOAN);
		assertThat(created.status()).as(created.text()).isEqualTo(202);
		assertThat(created.body().path("status").asString()).isEqualTo("pending");
		assertThat(created.body().path("mode").asString()).isEqualTo("mutual_consent");
		assertThat(created.body().path("fromAccount").asString()).isEqualTo("*********4005");
		assertThat(created.body().path("recipientPhone").asString()).isEqualTo("+82 10-****-1234");
		assertThat(created.text()).doesNotContain("1002003004005", "5550-1234", "pw-1234");
		String id = created.body().path("id").asString();

		ConsumerRecord<String, byte[]> record = awaitRecordsWithKey(Topics.TRANSFER_REQUESTED, id, 1).get(0);
		assertThat(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("1002003004005",
				"pw-1234", "+821055501234", "무이자");
		TransferRequested requested = this.codec.decode(record.value(), EventTopics.TRANSFER_REQUESTED).payload();
		VerificationId vid = VerificationId.parse(id);
		assertThat(requested.mode()).isEqualTo(TransferMode.MUTUAL_CONSENT);
		assertThat(requested.purpose()).isEqualTo(TransferPurpose.LOAN);
		assertThat(events.open(requested.fromAccount(), TransferRequested.sealingContext(vid, "fromAccount")))
			.isEqualTo("1002003004005");
		assertThat(events.open(requested.password(), TransferRequested.sealingContext(vid, "password")))
			.isEqualTo("pw-1234");
		assertThat(events.open(requested.recipientPhone(), TransferRequested.sealingContext(vid, "recipientPhone")))
			.isEqualTo("+821055501234");
		assertThat(requested.otp()).isNull();

		assertThat(signed(merchant, "GET", PATH + "/" + id + "/evidence", null).status()).isEqualTo(409);
		String evidence = "{\"algorithm\":\"Ed25519\",\"document\":{\"outcome\":{\"state\":\"executed\"}},"
				+ "\"sha256\":\"00\",\"signature\":\"AA==\"}";
		complete(merchant, id, TransferOutcome.EXECUTED, null, evidence);

		awaitStatus(merchant, id, "approved");
		Response done = signed(merchant, "GET", PATH + "/" + id, null);
		assertThat(done.body().path("outcome").asString()).isEqualTo("executed");
		assertThat(done.body().path("evidenceAvailable").asBoolean()).isTrue();
		Response file = signed(merchant, "GET", PATH + "/" + id + "/evidence", null);
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.text()).isEqualTo(evidence);
		VerificationOutcome outcome = this.codec
			.decode(awaitRecordsWithKey(Topics.VERIFICATION_OUTCOMES, id, 1).get(0).value(),
					EventTopics.VERIFICATION_OUTCOMES)
			.payload();
		assertThat(outcome.product()).isEqualTo(Product.TRANSFER);
		assertThat(outcome.status()).isEqualTo(VerificationStatus.APPROVED);

		// another merchant sees nothing
		assertThat(signed(createMerchant(), "GET", PATH + "/" + id, null).status()).isEqualTo(404);
	}

	@Test
	void aRefusedTransferFailsWithTheReasonAndARepeatedResultChangesNothing() {
		Merchant merchant = createMerchant();
		String id = signed(merchant, "POST", PATH, LOAN).body().path("id").asString();
		EventEnvelope<TransferCompleted> event = complete(merchant, id, TransferOutcome.REFUSED, "insufficient_funds",
				null);
		publish(Topics.TRANSFER_COMPLETED, event.key(), this.codec.encode(event));
		complete(merchant, id, TransferOutcome.EXECUTED, null, "{}");

		Response failed = awaitStatus(merchant, id, "failed");
		assertThat(failed.body().path("reason").asString()).isEqualTo("insufficient_funds");
		List<ConsumerRecord<String, byte[]>> outcomes = awaitRecords(Topics.VERIFICATION_OUTCOMES,
				(record) -> id.equals(record.key()), 2, Duration.ofSeconds(3));
		assertThat(outcomes).hasSize(1);
		assertThat(this.codec.decode(outcomes.get(0).value(), EventTopics.VERIFICATION_OUTCOMES).payload().reason())
			.isEqualTo(StatusReason.INSUFFICIENT_FUNDS);
	}

	@Test
	void aCancelAsksTheBankAndTheResultCancels() {
		Merchant merchant = createMerchant();
		String id = signed(merchant, "POST", PATH, LOAN).body().path("id").asString();

		Response cancel = signed(merchant, "POST", PATH + "/" + id + "/cancel", null);
		assertThat(cancel.status()).as(cancel.text()).isEqualTo(202);
		assertThat(cancel.body().path("cancelRequested").asBoolean()).isTrue();
		assertThat(cancel.body().path("status").asString()).isEqualTo("pending");
		assertThat(awaitRecordsWithKey(Topics.TRANSFER_CANCEL_REQUESTED, id, 1)).hasSize(1);

		complete(merchant, id, TransferOutcome.CANCELED, "canceled_by_merchant", "{}");
		awaitStatus(merchant, id, "canceled");
		Response again = signed(merchant, "POST", PATH + "/" + id + "/cancel", null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
	}

	@Test
	void maxWrongCodesReadsAsMaxAttemptsReached() {
		Merchant merchant = createMerchant();
		String id = signed(merchant, "POST", PATH, LOAN).body().path("id").asString();
		complete(merchant, id, TransferOutcome.FAILED, "max_wrong_codes", "{}");
		awaitStatus(merchant, id, "max_attempts_reached");
	}

	@Test
	void theRemittersOtpGoesOutSealedAndItsRejectionFailsAsAuthentication() {
		Merchant merchant = createMerchant();
		String withOtp = LOAN.replace("\"expiresInSeconds\":600", "\"expiresInSeconds\":600,"
				+ "\"otp\":{\"tokenKind\":\"MOBILE\",\"realNameId\":\"900101-1234567\",\"code\":\"48213907\",\"pin\":\"7392\"}");
		Response created = signed(merchant, "POST", PATH, withOtp);
		assertThat(created.status()).as(created.text()).isEqualTo(202);
		assertThat(created.text()).doesNotContain("900101-1234567", "48213907", "7392");
		String id = created.body().path("id").asString();

		ConsumerRecord<String, byte[]> record = awaitRecordsWithKey(Topics.TRANSFER_REQUESTED, id, 1).get(0);
		assertThat(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("900101-1234567",
				"48213907", "7392");
		TransferRequested requested = this.codec.decode(record.value(), EventTopics.TRANSFER_REQUESTED).payload();
		VerificationId vid = VerificationId.parse(id);
		TransferOtp otp = requested.otp();
		assertThat(otp).isNotNull();
		assertThat(otp.tokenKind()).isEqualTo(OtpTokenKind.MOBILE);
		assertThat(events.open(otp.realNameId(), TransferRequested.sealingContext(vid, "otp.realNameId")))
			.isEqualTo("900101-1234567");
		assertThat(events.open(otp.code(), TransferRequested.sealingContext(vid, "otp.code"))).isEqualTo("48213907");
		assertThat(events.open(otp.pin(), TransferRequested.sealingContext(vid, "otp.pin"))).isEqualTo("7392");

		complete(merchant, id, TransferOutcome.FAILED, "otp_rejected", "{}");
		Response failed = awaitStatus(merchant, id, "failed");
		assertThat(failed.text()).contains("authentication_failed");

		Response noPin = signed(merchant, "POST", PATH, withOtp.replace(",\"pin\":\"7392\"", ""));
		assertThat(noPin.status()).isEqualTo(400);
		assertThat(noPin.text()).contains("otp.pin").doesNotContain("48213907");
		Response badKind = signed(merchant, "POST", PATH, withOtp.replace("MOBILE", "SMS"));
		assertThat(badKind.status()).isEqualTo(400);
		assertThat(badKind.text()).contains("otp.tokenKind");
	}

	@Test
	void badInputIsAProblemNamingEachFieldAndStoresNothing() {
		Merchant merchant = createMerchant();
		Response bad = signed(merchant, "POST", PATH, """
				{"mode":"PHISHING_GUARD","fromAccount":"12-34","password":"pw","amount":0,"toBank":"99",
				 "toAccount":"1002003004006","recipientPhone":"+1 555 0100"}""");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).startsWith("application/problem+json");
		assertThat(bad.text()).contains("fromAccount", "amount", "toBank", "recipientPhone").doesNotContain("555 0100");
		Response noPurpose = signed(merchant, "POST", PATH, LOAN
			.replace("\"purpose\":{\"type\":\"LOAN\",\"repaymentDate\":\"2027-03-31\",\"conditions\":\"무이자\"},", ""));
		assertThat(noPurpose.status()).isEqualTo(400);
		assertThat(noPurpose.text()).contains("purpose.type");
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1", merchant.merchantId()))
			.isZero();
	}

	private EventEnvelope<TransferCompleted> complete(Merchant merchant, String id, TransferOutcome outcome,
			String reason, String evidence) {
		EventEnvelope<TransferCompleted> event = EventTopics.TRANSFER_COMPLETED
			.envelope(new TransferCompleted(VerificationId.parse(id), MerchantId.of(merchant.merchantId()), outcome,
					reason, evidence), Instant.now(), null);
		publish(Topics.TRANSFER_COMPLETED, event.key(), this.codec.encode(event));
		return event;
	}

	private Response awaitStatus(Merchant merchant, String id, String status) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> status
				.equals(signed(merchant, "GET", PATH + "/" + id, null).body().path("status").asString()));
		return signed(merchant, "GET", PATH + "/" + id, null);
	}

}
