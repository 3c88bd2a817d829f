package com.phoneverify.transfer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.transfer.ConsentReplied;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.simulators.telco.TelcoSimulator;
import com.phoneverify.transfer.evidence.EvidenceKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service stops while the recipient answers, and a new instance starts on the same
 * database and consumer group (a database and group of this test's own): the reply that
 * waited on the broker is applied by the new instance, once, even though it arrives twice
 * under its event id and once more as a new event.
 */
// closing a Spring context disposes Reactor Netty's global resources (the R2DBC driver's
// and
// the web server's event loops) under any other context of the JVM: the classes that
// start
// or close services of their own do not overlap
@ResourceLock(TransferConsentIntegrationTests.SERVICES_IN_THIS_JVM)
class RestartIntegrationTests {

	private static final String EVENTS_KEY = TransferConsentIntegrationTests.base64(32);

	private static final String CODES_KEY = TransferConsentIntegrationTests.base64(32);

	private static final KeyPair evidence = EvidenceKeys.generate();

	private static final Sealer sealer = Sealer.of(Map.of("r", EVENTS_KEY), "r");

	private static final TelcoSimulator telco = TelcoSimulator.start("127.0.0.1", 0);

	private static final TestRelay relay = new TestRelay(sealer);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterAll
	static void stop() {
		relay.close();
		telco.close();
	}

	@Test
	void aReplyThatArrivesWhileTheServiceIsDownIsAppliedOnceAfterTheRestart() throws Exception {
		String from = TransferConsentIntegrationTests.randomAccount();
		String to = TransferConsentIntegrationTests.randomAccount();
		String remitterPhone = TransferConsentIntegrationTests.randomPhone();
		String recipientPhone = TransferConsentIntegrationTests.randomPhone();
		telco.register(recipientPhone, "재시작");
		TransferId id;
		try (ConfigurableApplicationContext first = start()) {
			String base = base(first);
			assertThat(post(base + "/v1/accounts", account(from, "가동중", remitterPhone, 100_000)).statusCode())
				.isEqualTo(201);
			assertThat(post(base + "/v1/accounts", account(to, "재시작", recipientPhone, 0)).statusCode()).isEqualTo(201);
			Map<String, Object> transfer = new LinkedHashMap<>();
			transfer.put("fromAccount", from);
			transfer.put("password", "pw");
			transfer.put("amount", 60_000);
			transfer.put("toBank", "999");
			transfer.put("toAccount", to);
			transfer.put("recipientPhone", recipientPhone);
			transfer.put("mode", "PHISHING_GUARD");
			HttpResponse<String> created = post(base + "/v1/transfers", transfer);
			assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
			id = TransferId.parse(json.readTree(created.body()).get("id").asString());
			relay.consentRequest(id);
		}

		// the service is down: the recipient answers, the relay delivers twice and
		// republishes once
		TestRelay.Sms sms = relay.consentRequest(id);
		EventEnvelope<ConsentReplied> reply = relay.reply(sms, recipientPhone, TestRelay.code(sms));
		relay.publish(reply);
		relay.reply(sms, recipientPhone, TestRelay.code(sms));

		try (ConfigurableApplicationContext second = start()) {
			String base = base(second);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			JsonNode state;
			do {
				TestRelay.sleep(200);
				state = json.readTree(get(base + "/v1/transfers/" + id).body());
			}
			while (!"executed".equals(state.get("state").asString()) && System.nanoTime() < deadline);
			assertThat(state.get("state").asString()).isEqualTo("executed");
			DatabaseClient db = second.getBean(DatabaseClient.class);
			long deadlineReplies = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (count(db, "SELECT count(*) AS n FROM transfer.replies WHERE transfer_id = $1", id) < 2
					&& System.nanoTime() < deadlineReplies) {
				TestRelay.sleep(100);
			}
			assertThat(count(db, "SELECT count(*) AS n FROM transfer.replies WHERE transfer_id = $1", id))
				.as("the republished reply is recorded, and found the transfer executed")
				.isEqualTo(2);
			assertThat(count(db,
					"SELECT count(*) AS n FROM transfer.postings WHERE transfer_id = $1 AND kind = 'settle'", id))
				.isEqualTo(1);
			assertThat(json.readTree(get(base + "/v1/accounts/" + to).body()).get("balance").asLong())
				.isEqualTo(60_000);
			assertThat(json.readTree(get(base + "/v1/accounts/" + from).body()).get("balance").asLong())
				.isEqualTo(40_000);
			assertThat(relay.awaitNotices(remitterPhone, 1)).hasSize(1);
		}
	}

	private static ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TransferApplication.class)
			.initializers(new EmbeddedInfraInitializer())
			.run("--spring.application.name=transfer-restart-test", "--server.port=0",
					"--messaging.consumes.consent-replied=transfer-restart-test-replies",
					"--messaging.consumes.sms-status=transfer-restart-test-status",
					"--messaging.consumes.transfer-requested=transfer-restart-test-requests",
					"--messaging.consumes.transfer-cancel-requested=transfer-restart-test-cancels",
					"--messaging.consumes.otp-verified=transfer-restart-test-otp",
					"--messaging.consumes.call-completed=transfer-restart-test-calls",
					"--transfer.authentication.iterations=1000", "--transfer.sealing.keys.r=" + EVENTS_KEY,
					"--transfer.sealing.current-key-id=r", "--transfer.codes.key=" + CODES_KEY,
					"--transfer.evidence.private-key="
							+ Base64.getEncoder().encodeToString(evidence.getPrivate().getEncoded()),
					"--transfer.evidence.public-key="
							+ Base64.getEncoder().encodeToString(evidence.getPublic().getEncoded()),
					"--transfer.telco.base-url=" + telco.baseUrl(), "--transfer.telco.timeout=20s",
					"--messaging.outbox.poll-interval=50ms");
		KafkaListenerEndpointRegistry listeners = context.getBean(KafkaListenerEndpointRegistry.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		for (var container : listeners.getListenerContainers()) {
			while ((container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty())
					&& System.nanoTime() < deadline) {
				TestRelay.sleep(100);
			}
		}
		return context;
	}

	private static String base(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	private static Map<String, Object> account(String number, String name, String phone, long balance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("accountNumber", number);
		body.put("holderName", name);
		body.put("phone", phone);
		body.put("password", "pw");
		body.put("openingBalance", balance);
		return body;
	}

	private static long count(DatabaseClient db, String sql, TransferId id) {
		return ((Number) db.sql(sql).bind(0, id.value()).fetch().one().block(Duration.ofSeconds(10)).get("n"))
			.longValue();
	}

	private HttpResponse<String> post(String url, Object body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
