package com.phoneverify.gateway.ars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.GatewayIntegrationTest;
import com.phoneverify.gateway.Sealers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

class ArsVerificationApiIntegrationTests extends GatewayIntegrationTest {

	private static final String PATH = "/v1/ars-verifications";

	private final EventCodec codec = new EventCodec();

	@Autowired
	@Qualifier(Sealers.EVENTS)
	private Sealer sealer;

	@Test
	void signedPostStoresTheVerificationAndPublishesAuthRequestedWithTheSealedPhone() {
		Merchant merchant = createMerchant();
		Response response = signed(merchant, "POST", PATH,
				"{\"type\":\"A\",\"phone\":\"010-1234-5678\",\"codeLength\":7,\"expiresInSeconds\":120}");

		assertThat(response.status()).as(response.text()).isEqualTo(201);
		String id = response.body().path("id").asString();
		assertThat(response.body().path("status").asString()).isEqualTo("pending");
		assertThat(response.body().path("type").asString()).isEqualTo("A");
		assertThat(response.body().path("phone").asString()).isEqualTo("+82 10-****-5678");
		assertThat(response.body().path("codeLength").asInt()).isEqualTo(7);
		assertThat(response.body().path("attemptsRemaining").asInt()).isEqualTo(5);
		assertThat(response.body().has("code")).as("type A's code is for the phone only").isFalse();
		assertThat(response.text()).doesNotContain("12345678");
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE id = $1 AND merchant_id = $2",
				UUID.fromString(id), merchant.merchantId()))
			.isOne();

		AuthRequested event = authRequested(id);
		VerificationId verificationId = VerificationId.parse(id);
		assertThat(event.merchantId().value()).isEqualTo(merchant.merchantId());
		assertThat(event.scenario()).isEqualTo(ArsScenario.A);
		assertThat(event.codeLength()).isEqualTo(7);
		assertThat(event.challengeKey()).isNull();
		assertThat(this.sealer.open(event.phone(), AuthRequested.sealingContext(verificationId, "phone")))
			.isEqualTo("+821012345678");
		assertThat(this.sealer.open(event.code(), AuthRequested.sealingContext(verificationId, "code")))
			.matches("\\d{7}");
	}

	@Test
	void typeCShowsTheCodeToTheMerchantAndTypeBGetsAChallengeKey() {
		Merchant merchant = createMerchant();
		Response c = signed(merchant, "POST", PATH, "{\"type\":\"C\",\"phone\":\"+82 10 9876 5432\"}");
		assertThat(c.status()).as(c.text()).isEqualTo(201);
		String shown = c.body().path("code").asString();
		assertThat(shown).matches("\\d{6}");
		String cId = c.body().path("id").asString();
		assertThat(this.sealer.open(authRequested(cId).code(),
				AuthRequested.sealingContext(VerificationId.parse(cId), "code")))
			.isEqualTo(shown);

		Response b = signed(merchant, "POST", PATH, "{\"type\":\"B\",\"phone\":\"02-123-4567\"}");
		assertThat(b.status()).as(b.text()).isEqualTo(201);
		String bId = b.body().path("id").asString();
		AuthRequested event = authRequested(bId);
		assertThat(this.sealer.open(event.challengeKey(),
				AuthRequested.sealingContext(VerificationId.parse(bId), "challenge-key")))
			.matches("[1-9]");
		assertThat(b.body().path("phone").asString()).isEqualTo("+82 2-***-4567");
	}

	static Stream<Arguments> badInputs() {
		String big = "{\"type\":\"A\",\"phone\":\"010-1234-5678\",\"callbackUrl\":\"https://x.example/"
				+ "a".repeat(17 * 1024) + "\"}";
		return Stream.of(Arguments.of("malformed JSON", "{\"type\":\"A\",", 400, "malformed-json", null),
				Arguments.of("unknown type", "{\"type\":\"Z\",\"phone\":\"010-1234-5678\"}", 400, "invalid-request",
						"type"),
				Arguments.of("invalid phone", "{\"type\":\"A\",\"phone\":\"010-9999-99999\"}", 400, "invalid-request",
						"phone"),
				Arguments.of("code too long", "{\"type\":\"A\",\"phone\":\"010-1234-5678\",\"codeLength\":9}", 400,
						"invalid-request", "codeLength"),
				Arguments.of("code length not a number",
						"{\"type\":\"A\",\"phone\":\"010-1234-5678\",\"codeLength\":\"six\"}", 400, "invalid-request",
						"codeLength"),
				Arguments.of("unknown field", "{\"type\":\"A\",\"phone\":\"010-1234-5678\",\"colour\":\"red\"}", 400,
						"invalid-request", "colour"),
				Arguments.of("plain http callback",
						"{\"type\":\"A\",\"phone\":\"010-1234-5678\",\"callbackUrl\":\"http://shop.example/hook\"}",
						400, "invalid-request", "callbackUrl"),
				Arguments.of("callback to an IPv6 loopback with a zone id",
						"{\"type\":\"A\",\"phone\":\"010-1234-5678\",\"callbackUrl\":\"https://[::1%251]/h\"}", 400,
						"invalid-request", "callbackUrl"),
				Arguments.of("callback to an IPv6 link-local with a zone id",
						"{\"type\":\"A\",\"phone\":\"010-1234-5678\",\"callbackUrl\":\"https://[fe80::1%25eth0]/h\"}",
						400, "invalid-request", "callbackUrl"),
				Arguments.of("callback too long",
						"{\"type\":\"A\",\"phone\":\"010-1234-5678\",\"callbackUrl\":\"https://x.example/"
								+ "a".repeat(2100) + "\"}",
						400, "invalid-request", "callbackUrl"),
				Arguments.of("body over 16 KiB", big, 413, "payload-too-large", null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInputs")
	void badInputIsAProblemAndStoresNothing(String name, String body, int status, String slug, String field) {
		Merchant merchant = createMerchant();
		Response response = signed(merchant, "POST", PATH, body);

		assertThat(response.status()).as(response.text()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().path("type").asString()).isEqualTo("https://phoneverify.dev/problems/" + slug);
		assertThat(response.body().path("detail").asString()).isNotBlank();
		if (field != null) {
			assertThat(response.body().path("errors").findValuesAsString("field")).contains(field);
		}
		assertThat(response.text()).doesNotContain("99999");
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1", merchant.merchantId()))
			.isZero();
	}

	@Test
	void wrongContentTypeIs415() {
		Merchant merchant = createMerchant();
		String body = "type=A";
		Map<String, String> headers = new java.util.HashMap<>(signedHeaders(merchant, "POST", PATH, body));
		headers.put("Content-Type", "text/plain");
		Response response = send("POST", PATH, body, headers);
		assertThat(response.status()).as(response.text()).isEqualTo(415);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void unsignedAndReplayedRequestsAreRefused() {
		Merchant merchant = createMerchant();
		String body = "{\"type\":\"A\",\"phone\":\"010-1234-5678\"}";
		Response unsigned = send("POST", PATH, body, Map.of("Content-Type", "application/json"));
		assertThat(unsigned.status()).isEqualTo(401);
		assertThat(unsigned.body().path("type").asString()).endsWith("/signature-missing");

		Map<String, String> headers = signedHeaders(merchant, "POST", PATH, body);
		assertThat(send("POST", PATH, body, headers).status()).isEqualTo(201);
		Response replay = send("POST", PATH, body, headers);
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.body().path("type").asString()).endsWith("/signature-replayed");
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1", merchant.merchantId()))
			.isOne();

		String id = signed(merchant, "POST", PATH, body).body().path("id").asString();
		Map<String, String> get = signedHeaders(merchant, "GET", PATH + "/" + id, null);
		assertThat(send("GET", PATH + "/" + id, null, get).status()).isEqualTo(200);
		assertThat(send("GET", PATH + "/" + id, null, get).body().path("type").asString())
			.endsWith("/signature-replayed");
	}

	@Test
	void aNonceSentConcurrentlyIsAcceptedOnceAndTheOthersAreRefused() throws Exception {
		Merchant merchant = createMerchant();
		String body = "{\"type\":\"A\",\"phone\":\"010-1234-5678\"}";
		Map<String, String> headers = signedHeaders(merchant, "POST", PATH, body);
		int requests = 16;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			List<CompletableFuture<Response>> responses = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				responses.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return send("POST", PATH, body, headers);
				}, pool));
			}
			start.countDown();
			List<Response> answers = responses.stream().map(CompletableFuture::join).toList();
			assertThat(answers).filteredOn((response) -> response.status() == 201).hasSize(1);
			assertThat(answers).filteredOn((response) -> response.status() == 401)
				.hasSize(requests - 1)
				.allSatisfy((response) -> assertThat(response.body().path("type").asString())
					.endsWith("/signature-replayed"));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1", merchant.merchantId()))
			.isOne();
	}

	@Test
	void aMerchantNeverSeesAnotherMerchantsVerification() {
		Merchant owner = createMerchant();
		Merchant other = createMerchant();
		String id = create(owner, "A");

		for (Response response : List.of(signed(other, "GET", PATH + "/" + id, null),
				signed(other, "POST", PATH + "/" + id + "/confirm", "{\"code\":\"123456\"}"),
				signed(other, "POST", PATH + "/" + id + "/cancel", null))) {
			assertThat(response.status()).as(response.text()).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		Response mine = signed(owner, "GET", PATH + "/" + id, null);
		assertThat(mine.body().path("status").asString()).isEqualTo("pending");
		assertThat(mine.body().path("attemptsRemaining").asInt()).isEqualTo(5);
	}

	@Test
	void wrongCodesCountDownAndTheRightOneApproves() {
		Merchant merchant = createMerchant();
		String id = create(merchant, "A");
		String code = openCode(id);
		String wrong = otherCode(code);

		for (int remaining = 4; remaining >= 1; remaining--) {
			Response response = confirm(merchant, id, wrong);
			assertThat(response.status()).as(response.text()).isEqualTo(200);
			assertThat(response.body().path("status").asString()).isEqualTo("pending");
			assertThat(response.body().path("attemptsRemaining").asInt()).isEqualTo(remaining);
		}
		Response right = confirm(merchant, id, code);
		assertThat(right.body().path("status").asString()).isEqualTo("approved");
		assertThat(confirm(merchant, id, code).status()).isEqualTo(409);
		assertThat(outcome(id).status()).isEqualTo(VerificationStatus.APPROVED);
	}

	@Test
	void fifthWrongCodeEndsInMaxAttemptsReached() {
		Merchant merchant = createMerchant();
		String id = create(merchant, "B");
		String wrong = otherCode(openCode(id));
		for (int i = 0; i < 4; i++) {
			assertThat(confirm(merchant, id, wrong).body().path("status").asString()).isEqualTo("pending");
		}
		Response fifth = confirm(merchant, id, wrong);
		assertThat(fifth.body().path("status").asString()).isEqualTo("max_attempts_reached");
		assertThat(fifth.body().path("attemptsRemaining").asInt()).isZero();
		Response sixth = confirm(merchant, id, openCode(id));
		assertThat(sixth.status()).isEqualTo(409);
		assertThat(sixth.body().path("type").asString()).endsWith("/verification-not-pending");
		assertThat(outcome(id).status()).isEqualTo(VerificationStatus.MAX_ATTEMPTS_REACHED);
	}

	@Test
	void concurrentConfirmsNeverUseMoreThanFiveAttempts() throws Exception {
		Merchant merchant = createMerchant();
		String id = create(merchant, "A");
		String wrong = otherCode(openCode(id));
		int requests = 12;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			List<CompletableFuture<Response>> responses = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				responses.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return confirm(merchant, id, wrong);
				}, pool));
			}
			start.countDown();
			List<Integer> statuses = responses.stream().map((future) -> future.join().status()).toList();
			assertThat(statuses).filteredOn((status) -> status == 200).hasSize(5);
			assertThat(statuses).filteredOn((status) -> status == 409).hasSize(requests - 5);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("SELECT attempts_used FROM gateway.ars_verifications WHERE id = $1", UUID.fromString(id)))
			.isEqualTo(5);
		assertThat(signed(merchant, "GET", PATH + "/" + id, null).body().path("status").asString())
			.isEqualTo("max_attempts_reached");
	}

	@Test
	void typeCCannotBeConfirmedByTheMerchant() {
		Merchant merchant = createMerchant();
		String id = create(merchant, "C");
		Response response = confirm(merchant, id, "123456");
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.body().path("type").asString()).endsWith("/verification-not-confirmable");
	}

	@Test
	void cancelEndsAPendingVerificationOnce() {
		Merchant merchant = createMerchant();
		String id = create(merchant, "C");
		Response canceled = signed(merchant, "POST", PATH + "/" + id + "/cancel", null);
		assertThat(canceled.status()).as(canceled.text()).isEqualTo(200);
		assertThat(canceled.body().path("status").asString()).isEqualTo("canceled");
		Response again = signed(merchant, "POST", PATH + "/" + id + "/cancel", null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(outcome(id).status()).isEqualTo(VerificationStatus.CANCELED);
	}

	@Test
	void unknownIdsAreNotFound() {
		Merchant merchant = createMerchant();
		assertThat(signed(merchant, "GET", PATH + "/" + UUID.randomUUID(), null).status()).isEqualTo(404);
		assertThat(signed(merchant, "GET", PATH + "/not-a-uuid", null).status()).isEqualTo(404);
	}

	/** A new verification; for A and B, the call delivered its code (issue 13). */
	private String create(Merchant merchant, String type) {
		Response response = signed(merchant, "POST", PATH, "{\"type\":\"" + type + "\",\"phone\":\"010-5555-0000\"}");
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		String id = response.body().path("id").asString();
		if (!type.equals("C")) {
			deliverCode(merchant, id);
		}
		return id;
	}

	private Response confirm(Merchant merchant, String id, String code) {
		return signed(merchant, "POST", PATH + "/" + id + "/confirm", "{\"code\":\"" + code + "\"}");
	}

	private AuthRequested authRequested(String id) {
		List<ConsumerRecord<String, byte[]>> records = awaitRecordsWithKey(Topics.AUTH_REQUESTED, id, 1);
		assertThat(records).as("auth-requested for " + id).hasSize(1);
		return this.codec.decode(records.get(0).value(), EventTopics.AUTH_REQUESTED).payload();
	}

	private VerificationOutcome outcome(String id) {
		List<ConsumerRecord<String, byte[]>> records = awaitRecordsWithKey(Topics.VERIFICATION_OUTCOMES, id, 1);
		assertThat(records).as("verification-outcomes for " + id).hasSize(1);
		return this.codec.decode(records.get(0).value(), EventTopics.VERIFICATION_OUTCOMES).payload();
	}

	private String openCode(String id) {
		return this.sealer.open(authRequested(id).code(),
				AuthRequested.sealingContext(VerificationId.parse(id), "code"));
	}

	private static String otherCode(String code) {
		char first = code.charAt(0);
		return ((first == '9') ? '0' : (char) (first + 1)) + code.substring(1);
	}

}
