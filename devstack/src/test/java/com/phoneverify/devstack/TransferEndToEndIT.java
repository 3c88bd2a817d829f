package com.phoneverify.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.otp.algorithm.Ocra;
import com.phoneverify.otp.algorithm.OcraSuite;
import com.phoneverify.otp.algorithm.TransactionChallenge;
import com.phoneverify.transfer.evidence.VerifyEvidence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walk-through through the whole stack: a phishing-guard transfer requested
 * at the gateway (signed), the name check at the telco simulator, the hold and the
 * consent SMS in transfer-consent-service, the recipient's reply from a handset (the
 * relay stand-in, until sms-relay-service joins the suite), the execution, the outcome
 * back at the gateway, and the evidence verified with the documented command.
 */
class TransferEndToEndIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static Suite suite;

	private static MerchantClient merchant;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startSuite() throws Exception {
		suite = Suite.start(EmbeddedInfra.shared(), Suite.Ports.ephemeral(), Map.of());
		DevStack.Merchant created = DevStack.createMerchant(suite, "transfer-e2e", "TransferEndToEndIT");
		merchant = new MerchantClient(suite.gatewayUrl(), created.keyId(), created.secret());
	}

	@AfterAll
	static void stopSuite() {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	void aPhishingGuardTransferConsentedBySmsReplyExecutesAndItsEvidenceVerifies() throws Exception {
		assertThat(send("POST", suite.transferUrl() + "/v1/accounts", """
				{"accountNumber":"1002-003-000001","holderName":"김송금","phone":"010-1111-2222",
				 "password":"remitter-pw","openingBalance":1000000}""").statusCode()).isEqualTo(201);
		assertThat(send("POST", suite.transferUrl() + "/v1/accounts", """
				{"accountNumber":"1002-003-000002","holderName":"이수취","phone":"010-3333-4444",
				 "password":"recipient-pw","openingBalance":0}""").statusCode()).isEqualTo(201);
		assertThat(send("PUT", suite.telcoUrl() + "/v1/subscribers/010-3333-4444", "{\"name\":\"이수취\"}").statusCode())
			.isEqualTo(204);

		MerchantClient.Response created = merchant.post("/v1/transfers", """
				{"mode":"PHISHING_GUARD","fromAccount":"1002-003-000001","password":"remitter-pw","amount":300000,
				 "toBank":"999","toAccount":"1002-003-000002","recipientPhone":"010-3333-4444"}""");
		assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(202);
		String id = created.body().path("id").asString();

		// the SMSC simulator's handsets are named by their E.164 digits
		String sms = awaitInbox("821033334444");
		assertThat(sms).contains("형사처벌");
		Matcher code = Pattern.compile("인증번호 ([0-9]{6})").matcher(sms);
		assertThat(code.find()).isTrue();
		// the reply goes over SMPP (deliver_sm) to sms-relay-service, which publishes
		// consent-replied
		assertThat(send("POST", suite.smscUrl() + "/handsets/821033334444/reply?to=" + Suite.SMS_TWO_WAY_NUMBER,
				"네 " + code.group(1) + " 👍")
			.statusCode()).isEqualTo(202);

		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		String status;
		do {
			Thread.sleep(200);
			status = merchant.get("/v1/transfers/" + id).body().path("status").asString();
		}
		while (!"approved".equals(status) && System.nanoTime() < deadline);
		assertThat(status).isEqualTo("approved");
		assertThat(balance("1002003000002")).isEqualTo(300_000);
		assertThat(balance("1002003000001")).isEqualTo(700_000);

		MerchantClient.Response evidence = merchant.get("/v1/transfers/" + id + "/evidence");
		assertThat(evidence.status()).isEqualTo(200);
		Path dir = Files.createTempDirectory("evidence");
		Path file = Files.writeString(dir.resolve("evidence.json"), json.writeValueAsString(evidence.body()));
		Path key = Files.writeString(dir.resolve("key.pem"),
				send("GET", suite.transferUrl() + "/v1/evidence/public-key", null).body());
		assertThat(VerifyEvidence.run(new String[] { key.toString(), file.toString() },
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
			.isZero();
	}

	/**
	 * Issue 15 item 8 with the real otp-service: devstack requires the remitter's OTP
	 * above {@value Suite#TRANSFER_OTP_REQUIRED_ABOVE} won. The remitter's token is
	 * registered through the gateway; the transfer carries an OCRA code over the
	 * recipient account and amount, otp-service verifies it (over Kafka), and only then
	 * is the money held and the consent SMS sent; the reply executes it. A code for
	 * another amount is rejected and nothing moves.
	 */
	@Test
	void aTransferAboveTheOtpThresholdNeedsTheRemittersOcraCodeThenTheRecipientsConsent() throws Exception {
		assertThat(send("POST", suite.transferUrl() + "/v1/accounts", """
				{"accountNumber":"1002-003-000011","holderName":"박송금","phone":"010-1111-7777",
				 "password":"remitter-pw","openingBalance":2000000}""").statusCode()).isEqualTo(201);
		assertThat(send("POST", suite.transferUrl() + "/v1/accounts", """
				{"accountNumber":"1002-003-000012","holderName":"최수취","phone":"010-5555-6666",
				 "password":"recipient-pw","openingBalance":0}""").statusCode()).isEqualTo(201);
		assertThat(send("PUT", suite.telcoUrl() + "/v1/subscribers/010-5555-6666", "{\"name\":\"최수취\"}").statusCode())
			.isEqualTo(204);
		// the remitter's hardware OTP, registered at the branch through the gateway
		MerchantClient.Response token = merchant.post("/v1/otp/hardware-tokens", """
				{"realNameId":"8502021234567","customerKind":"DOMESTIC_INDIVIDUAL","vendorCode":"01",
				 "serial":"DEMO000002","actor":"teller-1","channel":"BRANCH"}""");
		assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(201);

		// without the code the transfer is refused at once
		String withoutOtp = transfer(600_000, null);
		assertThat(awaitFinal(withoutOtp).path("status").asString()).isEqualTo("failed");

		String id = transfer(600_000, ocraCode("1002-003-000012", 600_000));
		String sms = awaitInbox("821055556666");
		assertThat(balance("1002003000011")).as("held only after the OTP was verified").isEqualTo(1_400_000);
		assertThat(merchant.get("/v1/transfers/" + id).body().path("status").asString()).isEqualTo("pending");
		Matcher code = Pattern.compile("인증번호 ([0-9]{6})").matcher(sms);
		assertThat(code.find()).isTrue();
		assertThat(send("POST", suite.smscUrl() + "/handsets/821055556666/reply?to=" + Suite.SMS_TWO_WAY_NUMBER,
				code.group(1))
			.statusCode()).isEqualTo(202);
		assertThat(awaitFinal(id).path("status").asString()).isEqualTo("approved");
		assertThat(balance("1002003000012")).isEqualTo(600_000);

		// a code computed for another amount: rejected by otp-service, nothing held or
		// moved
		String forged = transfer(700_000, ocraCode("1002-003-000012", 600_000));
		JsonNode refused = awaitFinal(forged);
		assertThat(refused.path("status").asString()).as(refused.toString()).isEqualTo("failed");
		assertThat(refused.toString()).contains("authentication_failed");
		assertThat(balance("1002003000011")).isEqualTo(1_400_000);
		assertThat(balance("1002003000012")).isEqualTo(600_000);
	}

	/** Asks the gateway for a phishing-guard transfer to 1002-003-000012; its id. */
	private String transfer(long amount, String otpCode) {
		String otp = (otpCode != null) ? """
				,"otp":{"realNameId":"8502021234567","tokenKind":"HARDWARE","code":"%s"}""".formatted(otpCode) : "";
		MerchantClient.Response created = merchant.post("/v1/transfers", """
				{"mode":"PHISHING_GUARD","fromAccount":"1002-003-000011","password":"remitter-pw","amount":%d,
				 "toBank":"999","toAccount":"1002-003-000012","recipientPhone":"010-5555-6666"%s}""".formatted(amount,
				otp));
		assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(202);
		return created.body().path("id").asString();
	}

	/**
	 * The code the remitter's device (RFC 4226's test seed) shows for this transfer now:
	 * OCRA over the transfer challenge, otp-service's default transfer suite.
	 */
	private static String ocraCode(String recipientAccount, long amount) {
		OcraSuite ocra = OcraSuite.parse("OCRA-1:HOTP-SHA256-8:QN08-T1M");
		String challenge = TransactionChallenge.of(ocra, recipientAccount, BigDecimal.valueOf(amount));
		return Ocra.generate(ocra, "12345678901234567890".getBytes(StandardCharsets.US_ASCII),
				Ocra.Input.challenge(challenge).withTimeStep(ocra.stepAt(Instant.now())));
	}

	/** The gateway's view of a transfer once it is no longer pending (60 s at most). */
	private JsonNode awaitFinal(String id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		JsonNode body;
		do {
			Thread.sleep(200);
			body = merchant.get("/v1/transfers/" + id).body();
		}
		while ("pending".equals(body.path("status").asString()) && System.nanoTime() < deadline);
		return body;
	}

	private String awaitInbox(String number) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode inbox = json
				.readTree(send("GET", suite.smscUrl() + "/handsets/" + number + "/inbox", null).body());
			for (JsonNode message : inbox) {
				if (message.path("text").asString().contains("인증번호")) {
					return message.path("text").asString();
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no consent SMS reached " + number);
	}

	private long balance(String account) throws Exception {
		return json.readTree(send("GET", suite.transferUrl() + "/v1/accounts/" + account, null).body())
			.path("balance")
			.asLong();
	}

	private HttpResponse<String> send(String method, String url, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
