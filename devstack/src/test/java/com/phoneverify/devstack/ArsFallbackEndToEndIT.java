package com.phoneverify.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.simulators.phone.call.CallState;
import com.phoneverify.simulators.phone.call.Party;
import com.phoneverify.simulators.phone.call.SimulatedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ARS fallback through the whole stack: a phishing-guard transfer requested at the
 * gateway, the consent SMS left unanswered, then transfer-consent-service's call through
 * the real ars-call-service (scenario E) to the phone simulator, which presses 1 over RTP
 * (RFC 4733): the transfer executes, the gateway reports it approved and ignores the
 * call's {@code call-completed} (not one of its verifications) without dead-lettering it.
 */
class ArsFallbackEndToEndIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final EventCodec codec = new EventCodec();

	private static final String RECIPIENT_E164 = "+821055586677";

	private static Suite suite;

	private static MerchantClient merchant;

	private static TopicTap topics;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startSuite() throws Exception {
		suite = Suite.startWithOverrides(EmbeddedInfra.shared(), Suite.Ports.ephemeral(), Map.of(Suite.TRANSFER,
				Map.of("transfer.consent.ars-fallback-after", "3s", "transfer.consent.sweep-interval", "1s")));
		DevStack.Merchant created = DevStack.createMerchant(suite, "ars-fallback-e2e", "ArsFallbackEndToEndIT");
		merchant = new MerchantClient(suite.gatewayUrl(), created.keyId(), created.secret());
		topics = new TopicTap(suite.infra().kafkaBootstrapServers(),
				List.of(Topics.CALL_COMPLETED, Topics.deadLetterOf(Topics.CALL_COMPLETED, "gateway-service")));
	}

	@AfterAll
	static void stopSuite() throws Exception {
		if (topics != null) {
			topics.close();
		}
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	void aRecipientWhoDoesNotReplyBySmsAgreesByPressingOneOnTheArsCall() throws Exception {
		openAccounts("1002-003-000071", "김송금", "010-1111-7777", "1002-003-000072", "이수취", "010-5558-6677");
		// the recipient answers the call and presses 1 while the first words play
		suite.phones().arm(RECIPIENT_E164, "1", Duration.ofMillis(500));

		MerchantClient.Response created = merchant.post("/v1/transfers", """
				{"mode":"PHISHING_GUARD","fromAccount":"1002-003-000071","password":"remitter-pw","amount":200000,
				 "toBank":"999","toAccount":"1002-003-000072","recipientPhone":"010-5558-6677"}""");
		assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(202);
		String id = created.body().path("id").asString();

		SimulatedCall call = suite.phones().awaitCall(RECIPIENT_E164, Duration.ofSeconds(60)).block();
		assertThat(call).isNotNull();
		assertThat(awaitStatus(id, "approved", Duration.ofSeconds(90))).isEqualTo("approved");
		assertThat(balance("1002003000072")).isEqualTo(200_000);
		assertThat(balance("1002003000071")).isEqualTo(800_000);
		assertThat(call.receivedAudio().length).as("the phone heard the consent prompt").isGreaterThan(8000);

		JsonNode document = json
			.readTree(send("GET", suite.transferUrl() + "/v1/transfers/" + id + "/evidence", null).body())
			.path("document");
		assertThat(document.path("decidedBy").asString()).isEqualTo("ars_call");
		String verification = document.path("arsCall").path("verificationId").asString();
		List<byte[]> completed = topics.valuesFor(Topics.CALL_COMPLETED, verification);
		assertThat(completed).hasSize(1);
		CallCompleted result = codec.decode(completed.get(0), EventTopics.CALL_COMPLETED).payload();
		assertThat(result.outcome()).isEqualTo(CallOutcome.ANSWERED);
		assertThat(result.scenarioResult()).isEqualTo(ScenarioResult.AGREED);
		Thread.sleep(2000);
		assertThat(topics.valuesFor(Topics.deadLetterOf(Topics.CALL_COMPLETED, "gateway-service"), verification))
			.as("the gateway ignores a call that is not one of its verifications")
			.isEmpty();
	}

	@Test
	void anSmsReplyWhileTheFallbackCallRingsCancelsTheCall() throws Exception {
		openAccounts("1002-003-000073", "박송금", "010-1111-7788", "1002-003-000074", "최수취", "010-5558-0408");

		// the phone simulator lets numbers ending in 0408 ring for ever
		MerchantClient.Response created = merchant.post("/v1/transfers", """
				{"mode":"PHISHING_GUARD","fromAccount":"1002-003-000073","password":"remitter-pw","amount":50000,
				 "toBank":"999","toAccount":"1002-003-000074","recipientPhone":"010-5558-0408"}""");
		assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(202);
		String id = created.body().path("id").asString();
		SimulatedCall call = suite.phones().awaitCall("+821055580408", Duration.ofSeconds(60)).block();
		assertThat(call).isNotNull();
		assertThat(call.state()).isEqualTo(CallState.RINGING);

		String code = consentCode("821055580408");
		assertThat(send("POST", suite.smscUrl() + "/handsets/821055580408/reply?to=" + Suite.SMS_TWO_WAY_NUMBER, code)
			.statusCode()).isEqualTo(202);

		// ars-call-service gives up ringing after 30 s on its own: the call must end
		// sooner,
		// canceled by us
		call.ended().block(Duration.ofSeconds(20));
		assertThat(call.endedBy()).hasValue(Party.CALLER);
		assertThat(call.answeredAt()).isEmpty();
		assertThat(awaitStatus(id, "approved", Duration.ofSeconds(20))).isEqualTo("approved");
		JsonNode document = json
			.readTree(send("GET", suite.transferUrl() + "/v1/transfers/" + id + "/evidence", null).body())
			.path("document");
		assertThat(document.path("decidedBy").asString()).isEqualTo("sms_reply");
		String verification = document.path("arsCall").path("verificationId").asString();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (topics.valuesFor(Topics.CALL_COMPLETED, verification).isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		List<byte[]> completed = topics.valuesFor(Topics.CALL_COMPLETED, verification);
		assertThat(completed).hasSize(1);
		assertThat(codec.decode(completed.get(0), EventTopics.CALL_COMPLETED).payload().outcome())
			.isEqualTo(CallOutcome.CANCELED);
	}

	/**
	 * A remitter with 1,000,000 won (password {@code remitter-pw}) and an empty recipient
	 * account whose phone the telco knows under the recipient's name.
	 */
	private void openAccounts(String remitterAccount, String remitterName, String remitterPhone,
			String recipientAccount, String recipientName, String recipientPhone) throws Exception {
		assertThat(send("POST", suite.transferUrl() + "/v1/accounts",
				"""
						{"accountNumber":"%s","holderName":"%s","phone":"%s","password":"remitter-pw","openingBalance":1000000}"""
					.formatted(remitterAccount, remitterName, remitterPhone))
			.statusCode()).isEqualTo(201);
		assertThat(send("POST", suite.transferUrl() + "/v1/accounts", """
				{"accountNumber":"%s","holderName":"%s","phone":"%s","password":"recipient-pw","openingBalance":0}"""
			.formatted(recipientAccount, recipientName, recipientPhone)).statusCode()).isEqualTo(201);
		assertThat(send("PUT", suite.telcoUrl() + "/v1/subscribers/" + recipientPhone,
				"{\"name\":\"" + recipientName + "\"}")
			.statusCode()).isEqualTo(204);
	}

	/**
	 * The transfer's status at the gateway once it is {@code wanted}, or at the timeout.
	 */
	private String awaitStatus(String id, String wanted, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		String status;
		do {
			Thread.sleep(200);
			status = merchant.get("/v1/transfers/" + id).body().path("status").asString();
		}
		while (!wanted.equals(status) && System.nanoTime() < deadline);
		return status;
	}

	/** The code of the consent SMS in a handset's inbox. */
	private String consentCode(String handset) throws Exception {
		java.util.regex.Pattern code = java.util.regex.Pattern.compile("인증번호 ([0-9]{6})");
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			for (JsonNode message : json
				.readTree(send("GET", suite.smscUrl() + "/handsets/" + handset + "/inbox", null).body())) {
				java.util.regex.Matcher found = code.matcher(message.path("text").asString());
				if (found.find()) {
					return found.group(1);
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no consent SMS reached " + handset);
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
