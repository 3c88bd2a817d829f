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

import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.simulators.telco.TelcoSimulator;
import com.phoneverify.transfer.evidence.EvidenceKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures, not times: the latency from a reply's publication by the relay
 * ({@code consent-replied}'s {@code occurredAt}) to the transfer's execution
 * ({@code finished_at}, in the transaction that commits it), over transfers consented one
 * after the other on the embedded broker and database. Prints p50, p99 and the maximum;
 * asserts only that every transfer executed once. A service of its own (database and
 * consumer groups), so no other test's load is in the numbers.
 */
// closing a Spring context disposes Reactor Netty's global resources (the R2DBC driver's
// and
// the web server's event loops) under any other context of the JVM: the classes that
// start
// or close services of their own do not overlap
@ResourceLock(TransferConsentIntegrationTests.SERVICES_IN_THIS_JVM)
class ReplyLatencyMeasurementTests {

	private static final int TRANSFERS = 200;

	private static final String EVENTS_KEY = TransferConsentIntegrationTests.base64(32);

	private static final KeyPair evidence = EvidenceKeys.generate();

	private static final Sealer sealer = Sealer.of(Map.of("m", EVENTS_KEY), "m");

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
	void replyToExecution() throws Exception {
		try (ConfigurableApplicationContext service = start()) {
			String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
			String from = TransferConsentIntegrationTests.randomAccount();
			String to = TransferConsentIntegrationTests.randomAccount();
			String phone = TransferConsentIntegrationTests.randomPhone();
			telco.register(phone, "측정");
			assertThat(post(base + "/v1/accounts", account(from, "보냄", 100_000_000)).statusCode()).isEqualTo(201);
			assertThat(post(base + "/v1/accounts", account(to, "측정", 0)).statusCode()).isEqualTo(201);
			DatabaseClient db = service.getBean(DatabaseClient.class);
			for (int i = 0; i < TRANSFERS; i++) {
				Map<String, Object> transfer = new LinkedHashMap<>();
				transfer.put("fromAccount", from);
				transfer.put("password", "pw");
				transfer.put("amount", 1_000);
				transfer.put("toBank", "999");
				transfer.put("toAccount", to);
				transfer.put("recipientPhone", phone);
				transfer.put("mode", "PHISHING_GUARD");
				HttpResponse<String> created = post(base + "/v1/transfers", transfer);
				TransferId id = TransferId.parse(json.readTree(created.body()).get("id").asString());
				TestRelay.Sms sms = relay.consentRequest(id);
				relay.reply(sms, phone, TestRelay.code(sms));
				long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (!executed(db, id) && System.nanoTime() < deadline) {
					Thread.sleep(2);
				}
				assertThat(executed(db, id)).isTrue();
			}
			Map<String, Object> stats = db
				.sql("""
						SELECT count(*) AS n,
						  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - replied_at)) * 1000 AS p50,
						  percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - replied_at)) * 1000 AS p99,
						  max(extract(epoch FROM finished_at - replied_at)) * 1000 AS max
						FROM transfer.transfers WHERE state = 'executed' AND mode = 'phishing_guard'
						""")
				.fetch()
				.one()
				.block(Duration.ofSeconds(10));
			System.out.printf("MEASURED reply -> executed over %s transfers: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
					stats.get("n"), ((Number) stats.get("p50")).doubleValue(),
					((Number) stats.get("p99")).doubleValue(), ((Number) stats.get("max")).doubleValue());
			assertThat(((Number) stats.get("n")).longValue()).isEqualTo(TRANSFERS);
			assertThat(db.sql("SELECT balance FROM transfer.accounts WHERE account_number = $1")
				.bind(0, to)
				.fetch()
				.one()
				.block(Duration.ofSeconds(10))
				.get("balance")).isEqualTo(1_000L * TRANSFERS);
		}
	}

	private static boolean executed(DatabaseClient db, TransferId id) {
		return Boolean.TRUE.equals(db.sql("SELECT state = 'executed' AS done FROM transfer.transfers WHERE id = $1")
			.bind(0, id.value())
			.fetch()
			.one()
			.block(Duration.ofSeconds(10))
			.get("done"));
	}

	private static ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TransferApplication.class)
			.initializers(new EmbeddedInfraInitializer())
			.run("--spring.application.name=transfer-latency-measurement", "--server.port=0",
					"--messaging.consumes.consent-replied=transfer-latency-measurement-replies",
					"--messaging.consumes.sms-status=transfer-latency-measurement-status",
					"--messaging.consumes.transfer-requested=transfer-latency-measurement-requests",
					"--messaging.consumes.transfer-cancel-requested=transfer-latency-measurement-cancels",
					"--messaging.consumes.otp-verified=transfer-latency-measurement-otp",
					"--messaging.consumes.call-completed=transfer-latency-measurement-calls",
					"--transfer.authentication.iterations=1000", "--transfer.sealing.keys.m=" + EVENTS_KEY,
					"--transfer.sealing.current-key-id=m", "--transfer.codes.key=" + EVENTS_KEY,
					"--transfer.evidence.private-key="
							+ Base64.getEncoder().encodeToString(evidence.getPrivate().getEncoded()),
					"--transfer.evidence.public-key="
							+ Base64.getEncoder().encodeToString(evidence.getPublic().getEncoded()),
					"--transfer.telco.base-url=" + telco.baseUrl(), "--logging.level.com.phoneverify=WARN");
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

	private static Map<String, Object> account(String number, String name, long balance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("accountNumber", number);
		body.put("holderName", name);
		body.put("password", "pw");
		body.put("openingBalance", balance);
		return body;
	}

	private HttpResponse<String> post(String url, Object body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
