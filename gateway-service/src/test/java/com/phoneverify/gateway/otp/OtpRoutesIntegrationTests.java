package com.phoneverify.gateway.otp;

import java.util.List;
import java.util.Map;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.gateway.GatewayIntegrationTest;
import com.phoneverify.gateway.Sealers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's side of {@code /v1/otp/**} with otp-service unreachable (port 1, set for
 * every test in {@link GatewayIntegrationTest}, so that no second context starts):
 * signing and nonces apply as on every {@code /v1} route, unknown operations are 404, and
 * no answer is 503 {@code otp-unavailable}. The forwarding itself, to a real otp-service,
 * is devstack's {@code OtpWalkthroughIT}. A mobile OTP issuance's phone identity check is
 * the merchant's approved ARS verification of the same number
 * ({@code PhoneIdentityCheck}): refused here with the reason, or forwarded (503 here).
 */
class OtpRoutesIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	@Qualifier(Sealers.EVENTS)
	private Sealer sealer;

	private final EventCodec codec = new EventCodec();

	private static final String VERIFY = """
			{"realNameId":"9001011234567","code":"123456","actor":"customer","channel":"ONLINE"}""";

	@Test
	void anUnsignedOtpRequestIsRefusedBeforeAnythingIsForwarded() {
		Response response = send("POST", "/v1/otp/verifications", VERIFY, Map.of("Content-Type", "application/json"));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body().path("type").asString()).endsWith("/signature-missing");
	}

	@Test
	void anUnknownOtpOperationIsNotFound() {
		Response response = signed(createMerchant(), "POST", "/v1/otp/tokens/delete-everything", VERIFY);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void otpServiceNotAnsweringIs503AndTheSpentNonceCannotBeReplayed() {
		Merchant merchant = createMerchant();
		Map<String, String> headers = signedHeaders(merchant, "POST", "/v1/otp/verifications", VERIFY);
		Response first = send("POST", "/v1/otp/verifications", VERIFY, headers);
		assertThat(first.status()).isEqualTo(503);
		assertThat(first.body().path("type").asString()).isEqualTo("https://phoneverify.dev/problems/otp-unavailable");
		Response replay = send("POST", "/v1/otp/verifications", VERIFY, headers);
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.body().path("type").asString()).endsWith("/signature-replayed");
	}

	@Test
	void aDeviceViewIsSignedToo() {
		Response unsigned = send("GET", "/v1/otp/devices/01/DEMO000001/errors", null, Map.of());
		assertThat(unsigned.status()).isEqualTo(401);
		Response unavailable = signed(createMerchant(), "GET", "/v1/otp/devices/01/DEMO000001/errors", null);
		assertThat(unavailable.status()).isEqualTo(503);
	}

	@Test
	void aMobileIssuanceIsForwardedOnlyWithAnApprovedArsVerificationOfTheSamePhoneAndMerchant() {
		Merchant merchant = createMerchant();
		String approved = arsVerification(merchant, "010-4444-0001");
		Response confirmed = signed(merchant, "POST", "/v1/ars-verifications/" + approved + "/confirm",
				"{\"code\":\"" + heardCode(approved) + "\"}");
		assertThat(confirmed.body().path("status").asString()).as(confirmed.text()).isEqualTo("approved");
		String pending = arsVerification(merchant, "010-4444-0001");

		// the check passes: forwarded (otp-service is unreachable in these tests)
		assertThat(issue(merchant, approved, "010-4444-0001").status()).isEqualTo(503);
		assertThat(issue(merchant, approved, "+82 10 4444 0001").status()).isEqualTo(503);

		assertNotVerified(issue(merchant, approved, "010-4444-0002"), "called another number");
		assertNotVerified(issue(merchant, pending, "010-4444-0001"), "is not approved");
		assertNotVerified(issue(createMerchant(), approved, "010-4444-0001"), "no ARS verification of this merchant");
		assertNotVerified(issue(merchant, VerificationId.random().toString(), "010-4444-0001"),
				"no ARS verification of this merchant");
		Response noPhone = issue(merchant, approved, null);
		assertThat(noPhone.status()).isEqualTo(400);
		assertThat(noPhone.text()).contains("evidence.phone");
	}

	private Response issue(Merchant merchant, String phoneVerificationId, String phone) {
		String phoneField = (phone != null) ? ",\"phone\":\"" + phone + "\"" : "";
		return signed(merchant, "POST", "/v1/otp/mobile-tokens", """
				{"realNameId":"9001011234567","customerKind":"DOMESTIC_INDIVIDUAL","deviceId":"phone-1",
				 "pin":"123456","actor":"customer","channel":"ONLINE",
				 "evidence":{"accountAuthenticated":true,"phoneVerified":true,"secondFactor":"ONE_WON_TRANSFER",
				  "phoneVerificationId":"%s"%s}}""".formatted(phoneVerificationId, phoneField));
	}

	private static void assertNotVerified(Response response, String detail) {
		assertThat(response.status()).as(response.text()).isEqualTo(422);
		assertThat(response.body().path("type").asString())
			.isEqualTo("https://phoneverify.dev/problems/phone-not-verified");
		assertThat(response.body().path("detail").asString()).contains(detail);
	}

	/** A Type A verification of {@code phone} whose call read the code out. */
	private String arsVerification(Merchant merchant, String phone) {
		Response created = signed(merchant, "POST", "/v1/ars-verifications",
				"{\"type\":\"A\",\"phone\":\"" + phone + "\"}");
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String id = created.body().path("id").asString();
		deliverCode(merchant, id);
		return id;
	}

	private String heardCode(String id) {
		List<ConsumerRecord<String, byte[]>> records = awaitRecordsWithKey(Topics.AUTH_REQUESTED, id, 1);
		AuthRequested event = this.codec.decode(records.get(0).value(), EventTopics.AUTH_REQUESTED).payload();
		return this.sealer.open(event.code(), AuthRequested.sealingContext(VerificationId.parse(id), "code"));
	}

}
