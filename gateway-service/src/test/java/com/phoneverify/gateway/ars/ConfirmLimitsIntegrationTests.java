package com.phoneverify.gateway.ars;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.gateway.GatewayIntegrationTest;
import com.phoneverify.gateway.Sealers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 #3, codes guessed without a call: no confirmation before the code was
 * delivered, limits per phone number, and a budget of wrong codes per merchant. The test
 * context allows 200 verifications per number per 10 minutes and 400 per day, and 50
 * wrong codes per merchant per hour (the default); the tests fill the windows with rows
 * of their own rather than with hundreds of requests.
 */
class ConfirmLimitsIntegrationTests extends GatewayIntegrationTest {

	private static final String PATH = "/v1/ars-verifications";

	private static final String PROBLEMS = "https://phoneverify.dev/problems/";

	private final EventCodec codec = new EventCodec();

	@Autowired
	@Qualifier(Sealers.EVENTS)
	private Sealer sealer;

	@Value("${gateway.verification.code-pepper}")
	private String pepper;

	@Test
	void confirmingBeforeTheCallDeliveredTheCodeIsRefusedWithoutUsingAnAttempt() {
		Merchant merchant = createMerchant();
		for (String type : new String[] { "A", "B" }) {
			String id = create(merchant, type, freshPhone(), null);
			String code = openCode(id);

			Response early = confirm(merchant, id, code);
			assertThat(early.status()).as(early.text()).isEqualTo(409);
			assertThat(early.contentType()).startsWith("application/problem+json");
			assertThat(early.body().path("type").asString()).isEqualTo(PROBLEMS + "code-not-delivered");
			Response wrongEarly = confirm(merchant, id, otherCode(code));
			assertThat(wrongEarly.status()).isEqualTo(409);
			Response view = signed(merchant, "GET", PATH + "/" + id, null);
			assertThat(view.body().path("status").asString()).isEqualTo("pending");
			assertThat(view.body().path("attemptsRemaining").asInt()).as("no attempt used").isEqualTo(5);
			assertThat(count("SELECT count(*) FROM gateway.confirm_failures WHERE merchant_id = $1",
					merchant.merchantId()))
				.as("not counted against the budget")
				.isZero();

			deliverCode(merchant, id);
			Response delivered = confirm(merchant, id, code);
			assertThat(delivered.status()).as(delivered.text()).isEqualTo(200);
			assertThat(delivered.body().path("status").asString()).isEqualTo("approved");
		}
	}

	@Test
	void aNumberGetsAtMostTheLimitOfVerificationsInTenMinutesAcrossMerchants() {
		Merchant other = createMerchant();
		Merchant merchant = createMerchant();
		String phone = freshPhone();
		storePastVerifications(other, phone, 199, Instant.now().minus(Duration.ofMinutes(1)));

		assertThat(createResponse(merchant, "A", phone).status()).isEqualTo(201);
		// the same number in E.164 form, by the other merchant: the same destination
		String e164Form = "+82 " + phone.substring(1).replace('-', ' ');
		Response refused = createResponse(other, "C", e164Form);

		assertThat(refused.status()).as(refused.text()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.body().path("type").asString()).isEqualTo(PROBLEMS + "destination-rate-limited");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(400L, 600L);
		assertThat(refused.text()).doesNotContain(phone.substring(phone.length() - 4));
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1 AND kind = 'C'",
				other.merchantId()))
			.as("nothing stored")
			.isZero();
		assertThat(createResponse(merchant, "A", freshPhone()).status()).as("another number").isEqualTo(201);
	}

	@Test
	void aNumberGetsAtMostTheLimitOfVerificationsPerDay() {
		Merchant other = createMerchant();
		Merchant merchant = createMerchant();
		String phone = freshPhone();
		storePastVerifications(other, phone, 400, Instant.now().minus(Duration.ofHours(25)));
		assertThat(createResponse(merchant, "A", phone).status()).as("yesterday's do not count").isEqualTo(201);

		storePastVerifications(other, phone, 399, Instant.now().minus(Duration.ofHours(2)));
		Response refused = createResponse(merchant, "A", phone);
		assertThat(refused.status()).as(refused.text()).isEqualTo(429);
		assertThat(refused.body().path("type").asString()).isEqualTo(PROBLEMS + "destination-rate-limited");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(Duration.ofHours(21).toSeconds(),
				Duration.ofHours(22).toSeconds());
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1", merchant.merchantId()))
			.isOne();
	}

	@Test
	void wrongCodesSpreadOverVerificationsExhaustTheMerchantsBudgetEvenAfterTheyExpire() throws Exception {
		Merchant merchant = createMerchant();
		Instant halfAnHourAgo = Instant.now().minus(Duration.ofMinutes(30));
		storeConfirmFailures(merchant, 49, halfAnHourAgo);
		storeConfirmFailures(merchant, 20, Instant.now().minus(Duration.ofMinutes(61)));

		String first = create(merchant, "A", freshPhone(), 8);
		deliverCode(merchant, first);
		Response fiftieth = confirm(merchant, first, otherCode(openCode(first)));
		assertThat(fiftieth.status()).as(fiftieth.text()).isEqualTo(200);
		assertThat(fiftieth.body().path("attemptsRemaining").asInt()).isEqualTo(4);
		assertThat(count("SELECT count(*) FROM gateway.confirm_failures WHERE merchant_id = $1", merchant.merchantId()))
			.as("the wrong code is counted, the merchant's rows older than the window are gone")
			.isEqualTo(50);

		Instant expiresAt = Instant
			.parse(signed(merchant, "GET", PATH + "/" + first, null).body().path("expiresAt").asString());
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis() + 100));
		Response expired = confirm(merchant, first, openCode(first));
		assertThat(expired.status()).as(expired.text()).isEqualTo(409);
		assertThat(expired.body().path("type").asString()).as("the first verification expired")
			.isEqualTo(PROBLEMS + "verification-not-pending");

		String second = create(merchant, "B", freshPhone(), null);
		deliverCode(merchant, second);
		Response refused = confirm(merchant, second, openCode(second));
		assertThat(refused.status()).as(refused.text()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.body().path("type").asString()).isEqualTo(PROBLEMS + "confirm-budget-exhausted");
		long retryAfter = Long.parseLong(refused.header("Retry-After"));
		assertThat(retryAfter).isBetween(Duration.ofMinutes(25).toSeconds(), Duration.ofMinutes(30).toSeconds());
		Response view = signed(merchant, "GET", PATH + "/" + second, null);
		assertThat(view.body().path("status").asString()).as("the right code was not checked").isEqualTo("pending");
		assertThat(view.body().path("attemptsRemaining").asInt()).as("no attempt used").isEqualTo(5);

		Merchant another = createMerchant();
		String theirs = create(another, "A", freshPhone(), null);
		deliverCode(another, theirs);
		assertThat(confirm(another, theirs, openCode(theirs)).body().path("status").asString())
			.as("the budget is the merchant's own")
			.isEqualTo("approved");
	}

	private void storePastVerifications(Merchant merchant, String phone, int count, Instant createdAt) {
		byte[] hash = new VerificationCodes(this.pepper).destinationHash(PhoneNumber.parse(phone).e164());
		this.db.sql("""
				WITH v AS (
				  INSERT INTO gateway.verifications (id, merchant_id, product, kind, status, expires_at, created_at,
				    updated_at)
				  SELECT gen_random_uuid(), $1, 'ars', 'A', 'expired', $2, $2, $2 FROM generate_series(1, $3)
				  RETURNING id
				)
				INSERT INTO gateway.ars_verifications (id, phone_key_id, phone_nonce, phone_ciphertext, phone_masked,
				  code_hash, code_length, attempts_used, destination_hash)
				SELECT id, 'k', 'n', 'c', '+82 10-****-0000', '\\x00'::bytea, 6, 0, $4 FROM v
				""").bind(0, merchant.merchantId()).bind(1, createdAt).bind(2, count).bind(3, hash).then().block();
	}

	private void storeConfirmFailures(Merchant merchant, int count, Instant failedAt) {
		this.db
			.sql("INSERT INTO gateway.confirm_failures (merchant_id, failed_at) "
					+ "SELECT $1, $2 FROM generate_series(1, $3)")
			.bind(0, merchant.merchantId())
			.bind(1, failedAt)
			.bind(2, count)
			.then()
			.block();
	}

	private static String freshPhone() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("010-%04d-%04d", random.nextInt(10000), random.nextInt(10000));
	}

	private Response createResponse(Merchant merchant, String type, String phone) {
		return signed(merchant, "POST", PATH, "{\"type\":\"" + type + "\",\"phone\":\"" + phone + "\"}");
	}

	private String create(Merchant merchant, String type, String phone, Integer expiresInSeconds) {
		String expiry = (expiresInSeconds != null) ? ",\"expiresInSeconds\":" + expiresInSeconds : "";
		Response response = signed(merchant, "POST", PATH,
				"{\"type\":\"" + type + "\",\"phone\":\"" + phone + "\"" + expiry + "}");
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return response.body().path("id").asString();
	}

	private Response confirm(Merchant merchant, String id, String code) {
		return signed(merchant, "POST", PATH + "/" + id + "/confirm", "{\"code\":\"" + code + "\"}");
	}

	private String openCode(String id) {
		var records = awaitRecordsWithKey(Topics.AUTH_REQUESTED, id, 1);
		assertThat(records).as("auth-requested for " + id).hasSize(1);
		AuthRequested event = this.codec.decode(records.get(0).value(), EventTopics.AUTH_REQUESTED).payload();
		return this.sealer.open(event.code(), AuthRequested.sealingContext(VerificationId.parse(id), "code"));
	}

	private static String otherCode(String code) {
		char first = code.charAt(0);
		return ((first == '9') ? '0' : (char) (first + 1)) + code.substring(1);
	}

}
