package com.phoneverify.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.http.RequestSignature;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.media.MediaSessionClosedException;
import com.phoneverify.simulators.phone.call.CallState;
import com.phoneverify.simulators.phone.call.SimulatedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Types A, B and C through the whole stack: signed HTTP in, Kafka, a real SIP call to the
 * phone simulator with RTP prompts and RFC 4733 keys, and the outcome back by GET,
 * webhook and topic.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ArsVerificationEndToEndIT {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

	private static Suite suite;

	private static MerchantClient merchant;

	private static String webhookSecret;

	private static WebhookReceiver webhooks;

	private static TopicTap topics;

	private static LogTap logs;

	/** Codes, keys and secrets the run handled: none may appear in a log line. */
	private static final Set<String> secrets = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final EventCodec codec = new EventCodec();

	@BeforeAll
	static void startSuite() throws Exception {
		logs = new LogTap();
		suite = Suite.start(EmbeddedInfra.shared(), Suite.Ports.ephemeral(), Map.of());
		DevStack.Merchant created = DevStack.createMerchant(suite, "ars-e2e", "ArsVerificationEndToEndIT");
		merchant = new MerchantClient(suite.gatewayUrl(), created.keyId(), created.secret());
		webhookSecret = created.webhookSecret();
		secrets.addAll(List.of(created.secret(), created.webhookSecret(), suite.adminToken()));
		webhooks = new WebhookReceiver();
		topics = new TopicTap(suite.infra().kafkaBootstrapServers(),
				List.of(Topics.AUTH_REQUESTED, Topics.VERIFICATION_OUTCOMES));
	}

	@AfterAll
	static void stopSuite() throws Exception {
		topics.close();
		webhooks.close();
		suite.close();
		logs.close();
	}

	/**
	 * Nothing personal in the logs of the whole run so far: no phone number in clear (the
	 * one masking rule shows {@code +82 10-****-0001}), no code, typed key or secret near
	 * the words that would name it. Runs last.
	 */
	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
	void theLogsOfTheRunHoldNothingPersonal() {
		String text = logs.text();
		assertThat(text).as("the tap saw the run").contains("verification");
		Pattern phoneInClear = Pattern
			.compile("(\\+82\\s?-?1\\d[\\s-]?\\d{3,4}[\\s-]?\\d{4})|(\\b01\\d-?\\d{3,4}-?\\d{4}\\b)");
		List<String> offending = text.lines().filter((line) -> phoneInClear.matcher(line).find()).limit(5).toList();
		assertThat(offending).as("log lines with a phone number in clear").isEmpty();
		for (String secret : secrets) {
			// a lone key pressed (type B) is one digit: too common to look for
			if (secret.length() < 4) {
				continue;
			}
			Pattern standalone = Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(secret) + "(?![0-9A-Za-z])");
			List<String> leaking = text.lines()
				.filter((line) -> standalone.matcher(line).find())
				.filter((line) -> secret.length() >= 16 || line.toLowerCase(java.util.Locale.ROOT)
					.matches(".*(code|digit|key|dtmf|pressed|typed|secret|token).*"))
				.limit(5)
				.toList();
			assertThat(leaking).as("log lines with a code, key or secret of the run").isEmpty();
		}
	}

	@Test
	void typeCIsApprovedWhenTheCustomerTypesTheCodeShownOnScreen() throws Exception {
		JsonNode created = create("C", "010-3000-0001");
		String id = created.path("id").asString();
		String shownCode = created.path("code").asString();
		assertThat(shownCode).matches("\\d{6}");
		secrets.add(shownCode);

		SimulatedCall call = answeredCall("+821030000001");
		call.pressKeys(shownCode).toFuture().get();

		awaitFinalStatus(id, "approved");
		assertOutcomeEverywhere(id, VerificationStatus.APPROVED);
		assertThat(call.receivedAudio().length).as("the phone heard the prompts").isGreaterThan(8000);
	}

	@Test
	void typeCIsDeniedWhenTheCustomerTypesAnotherCodeOnEveryTry() throws Exception {
		JsonNode created = create("C", "010-3000-0002");
		String id = created.path("id").asString();
		String wrong = created.path("code").asString().equals("111111") ? "222222" : "111111";

		SimulatedCall call = answeredCall("+821030000002");
		// One wrong code per try until the scenario gives up and hangs up (it allows
		// three).
		for (int attempt = 0; attempt < 5 && call.state() != CallState.ENDED; attempt++) {
			call.pressKeys(wrong + "#")
				.onErrorResume(MediaSessionClosedException.class, ended -> Mono.empty())
				.toFuture()
				.get();
			call.ended().toFuture().completeOnTimeout(null, 4, TimeUnit.SECONDS).get();
		}

		JsonNode finalView = awaitFinalStatus(id, "denied");
		assertThat(finalView.path("reason").asString()).isEqualTo("wrong_input");
		assertOutcomeEverywhere(id, VerificationStatus.DENIED);
	}

	@Test
	void typeAIsApprovedWhenTheMerchantConfirmsTheCodeThePhoneHeard() throws Exception {
		JsonNode created = create("A", "010-3000-0003");
		String id = created.path("id").asString();
		assertThat(created.has("code")).as("the code of type A is only for the phone").isFalse();

		SimulatedCall call = answeredCall("+821030000003");
		call.ended().toFuture().get();
		// the gateway refuses /confirm until it applied the call's code_delivered
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(merchant.get(path(id)).body().toString()).contains("code_delivered"));
		String heardCode = openSealed(id, "code");

		JsonNode wrong = merchant.post(path(id) + "/confirm", "{\"code\":\"" + otherCode(heardCode) + "\"}").body();
		assertThat(wrong.path("status").asString()).isEqualTo("pending");
		assertThat(wrong.path("attemptsRemaining").asInt()).isEqualTo(4);
		MerchantClient.Response right = merchant.post(path(id) + "/confirm", "{\"code\":\"" + heardCode + "\"}");
		assertThat(right.body().path("status").asString()).isEqualTo("approved");

		assertOutcomeEverywhere(id, VerificationStatus.APPROVED);
		assertThat(call.receivedAudio().length).as("greeting and the code, read twice").isGreaterThan(3 * 8000);
	}

	@Test
	void typeBReadsTheCodeOnlyAfterTheCustomerPressesTheAskedKey() throws Exception {
		JsonNode created = create("B", "010-3000-0004");
		String id = created.path("id").asString();

		SimulatedCall call = answeredCall("+821030000004");
		call.pressKeys(openSealed(id, "challenge-key")).toFuture().get();
		call.ended().toFuture().get();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(merchant.get(path(id)).body().toString()).contains("code_delivered"));

		JsonNode confirmed = merchant.post(path(id) + "/confirm", "{\"code\":\"" + openSealed(id, "code") + "\"}")
			.body();
		assertThat(confirmed.path("status").asString()).isEqualTo("approved");
		assertOutcomeEverywhere(id, VerificationStatus.APPROVED);
	}

	@Test
	void aBusyPhoneFailsTheVerificationWithReasonBusy() throws Exception {
		String id = create("C", "010-3000-0486").path("id").asString();

		JsonNode finalView = awaitFinalStatus(id, "failed");

		assertThat(finalView.path("reason").asString()).isEqualTo("busy");
		assertOutcomeEverywhere(id, VerificationStatus.FAILED);
	}

	@Test
	void everyMetricThatTheAlertRulesNameIsExported() throws Exception {
		String id = create("A", "010-3000-0404").path("id").asString();
		awaitFinalStatus(id, "failed");
		await().atMost(Duration.ofSeconds(20)).until(() -> !webhooks.deliveriesMentioning(id).isEmpty());
		String rules = Files.readString(Path.of("../deploy/prometheus/alerts.yml"));
		Set<String> named = new TreeSet<>();
		Matcher metric = Pattern.compile("\\b(?:ars|verification|outbox|webhook)_[a-z_]+").matcher(rules);
		while (metric.find()) {
			named.add(metric.group());
		}
		assertThat(named).contains("ars_calls_waiting", "verification_outcomes_total");
		// the gateway's actuator is on its management port, not on the merchant-facing
		// one
		assertThat(suite.managementUrl(Suite.GATEWAY)).isNotEqualTo(suite.gatewayUrl());
		assertThat(HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(404);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String exported = scrape(suite.managementUrl(Suite.GATEWAY)) + scrape(suite.managementUrl(Suite.ARS));
			assertThat(named).allSatisfy(name -> assertThat(exported).contains("\n" + name));
		});
	}

	private static String scrape(String baseUrl) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private JsonNode create(String type, String phone) {
		MerchantClient.Response response = merchant.post("/v1/ars-verifications",
				"{\"type\":\"" + type + "\",\"phone\":\"" + phone + "\",\"callbackUrl\":\"" + webhooks.url() + "\"}");
		assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
		assertThat(response.body().path("status").asString()).isEqualTo("pending");
		return response.body();
	}

	private SimulatedCall answeredCall(String number) throws Exception {
		SimulatedCall call = suite.phones().awaitCall(number, CALL_TIMEOUT).toFuture().get();
		await().atMost(CALL_TIMEOUT).until(() -> call.answeredAt().isPresent());
		return call;
	}

	private String statusOf(String id) {
		return merchant.get(path(id)).body().path("status").asString();
	}

	private JsonNode awaitFinalStatus(String id, String expected) {
		await().atMost(CALL_TIMEOUT).until(() -> !statusOf(id).equals("pending"));
		JsonNode view = merchant.get(path(id)).body();
		assertThat(view.path("status").asString()).as(view.toString()).isEqualTo(expected);
		return view;
	}

	/**
	 * The same final status reaches the merchant three ways: GET, signed webhook and
	 * topic.
	 */
	private void assertOutcomeEverywhere(String id, VerificationStatus status) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<byte[]> outcomes = topics.valuesFor(Topics.VERIFICATION_OUTCOMES, id);
			assertThat(outcomes).hasSize(1);
			assertThat(this.codec.decode(outcomes.get(0), EventTopics.VERIFICATION_OUTCOMES).payload().status())
				.isEqualTo(status);
			assertThat(webhooks.deliveriesMentioning(id)).isNotEmpty();
		});
		WebhookReceiver.Delivery delivery = webhooks.deliveriesMentioning(id).get(0);
		assertThat(delivery.body()).contains("\"" + status.wireName() + "\"");
		assertThat(signatureIsValid(delivery)).as("webhook signature").isTrue();
	}

	private static boolean signatureIsValid(WebhookReceiver.Delivery delivery) {
		String header = delivery.header("PV-Signature");
		assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
		String timestamp = header.substring(2, header.indexOf(','));
		String given = header.substring(header.indexOf("v1=") + 3);
		byte[] expected = RequestSignature.hmac(webhookSecret, timestamp + "." + delivery.body());
		return HexFormat.of().formatHex(expected).equals(given);
	}

	/**
	 * Reads a sealed field of the verification's auth-requested event, as an operator
	 * could.
	 */
	private String openSealed(String id, String field) {
		String opened = openSealedValue(id, field);
		secrets.add(opened);
		return opened;
	}

	private String openSealedValue(String id, String field) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !topics.valuesFor(Topics.AUTH_REQUESTED, id).isEmpty());
		AuthRequested event = this.codec
			.decode(topics.valuesFor(Topics.AUTH_REQUESTED, id).get(0), EventTopics.AUTH_REQUESTED)
			.payload();
		var sealed = field.equals("code") ? event.code() : event.challengeKey();
		return suite.sealer().open(sealed, AuthRequested.sealingContext(VerificationId.parse(id), field));
	}

	private static String otherCode(String code) {
		char first = code.charAt(0);
		return ((first == '9') ? '0' : (char) (first + 1)) + code.substring(1);
	}

	private static String path(String id) {
		return "/v1/ars-verifications/" + id;
	}

}
