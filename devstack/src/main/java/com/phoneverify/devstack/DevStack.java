package com.phoneverify.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.phoneverify.embedded.EmbeddedInfra;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./devstack.sh}: starts the suite on fixed local ports, creates a demo merchant,
 * writes its credentials to {@code .devstack/merchant.env} for the scripts, prints where
 * everything is, and runs until Ctrl-C.
 */
public final class DevStack {

	private static final int POSTGRES_PORT = 15432;

	private static final Map<String, String> ARS_ENVIRONMENT = Map.of("ARS_SIP_TRUNK", "ars.sip.trunk", "ARS_SIP_HOST",
			"ars.sip.local-host");

	private DevStack() {
	}

	public static void main(String[] args) throws Exception {
		Path state = Path.of(System.getProperty("devstack.dir", ".devstack")).toAbsolutePath();
		Files.createDirectories(state);
		int offset = Integer.parseInt(System.getenv().getOrDefault("DEVSTACK_PORT_OFFSET", "0"));
		EmbeddedInfra infra = EmbeddedInfra.start(new EmbeddedInfra.Options(POSTGRES_PORT + offset, null, true));
		Suite suite = Suite.start(infra, Suite.Ports.devstack(offset), arsOverrides());
		Merchant merchant = createDemoMerchant(suite);
		Path env = state.resolve("merchant.env");
		Files.writeString(env,
				"PV_URL=" + suite.gatewayUrl() + "\nPV_MERCHANT_ID=" + merchant.merchantId() + "\nPV_KEY_ID="
						+ merchant.keyId() + "\nPV_SECRET=" + merchant.secret() + "\nPV_WEBHOOK_SECRET="
						+ merchant.webhookSecret() + "\nPV_ADMIN_TOKEN=" + suite.adminToken() + "\nPV_PHONES_URL="
						+ suite.phonesUrl() + "\nPV_TRANSFER_URL=" + suite.transferUrl() + "\nPV_TELCO_URL="
						+ suite.telcoUrl() + "\nPV_HANDSETS_URL=" + suite.smscUrl() + "\n");
		printBanner(suite, infra, merchant, env);

		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			suite.close();
			infra.close();
			stopped.countDown();
		}, "devstack-stop"));
		stopped.await();
	}

	private static Map<String, Object> arsOverrides() {
		Map<String, Object> overrides = new HashMap<>();
		ARS_ENVIRONMENT.forEach((variable, property) -> {
			String value = System.getenv(variable);
			if (value != null && !value.isBlank()) {
				overrides.put(property, value);
			}
		});
		if (overrides.containsKey("ars.sip.local-host")) {
			overrides.put("ars.media.bind-address", overrides.get("ars.sip.local-host"));
		}
		return overrides;
	}

	record Merchant(String merchantId, String keyId, String secret, String webhookSecret) {
	}

	/** Devstack's database is new at every start, so the demo merchant is too. */
	static Merchant createDemoMerchant(Suite suite) throws IOException, InterruptedException {
		return createMerchant(suite, "demo-shop", "Demo Shop");
	}

	/**
	 * Creates a merchant through the admin API. The end-to-end tests give each suite a
	 * merchant of its own: they share one database per JVM.
	 */
	static Merchant createMerchant(Suite suite, String merchantId, String name)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/admin/v1/merchants"))
			.header("Authorization", "Bearer " + suite.adminToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"merchantId\":\"" + merchantId + "\",\"name\":\"" + name + "\"}"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException(
					"could not create the demo merchant: " + response.statusCode() + " " + response.body());
		}
		JsonNode body = JsonMapper.builder().build().readTree(response.body());
		return new Merchant(body.path("merchantId").asString(), body.path("keyId").asString(),
				body.path("secret").asString(), body.path("webhookSecret").asString());
	}

	private static void printBanner(Suite suite, EmbeddedInfra infra, Merchant merchant, Path env) {
		String banner = """

				  PhoneVerify devstack is up
				  ─────────────────────────────────────────────────────────────────────
				  Merchant API      %s   (OpenAPI: %s/v3/api-docs)
				  Gateway actuator  %s/actuator
				  ARS call service  %s/actuator   (SIP UAC udp, calls %s)
				  OTP service       %s/actuator   (internal API; merchants use /v1/otp/** on the gateway)
				  Phone simulator   SIP udp %s   HTTP %s/calls
				  2-WAY transfers   %s/v1/transfers   (telco simulator %s)
				  SMS relay         %s/actuator   (SMPP transceiver to %s)
				  SMSC simulator    SMPP %s   HTTP %s/handsets/<digits>/inbox
				  Kafka (KRaft)     %s   (a free port: the KRaft broker cannot bind a fixed one)
				  PostgreSQL        127.0.0.1:%d   user/password postgres
				  Metrics           %s/actuator/prometheus  %s/actuator/prometheus

				  Demo merchant     %s   keyId %s
				  Credentials       %s   (used by scripts/pv-curl)
				  Admin token       Bearer %s   (POST /admin/v1/merchants)

				  Try:  scripts/walkthrough-type-c.sh   and otp-service/README.md's walk-through
				  Stop: Ctrl-C
				""";
		System.out.printf(banner, suite.gatewayUrl(), suite.gatewayUrl(), suite.managementUrl(Suite.GATEWAY),
				suite.arsUrl(), suite.trunk(), suite.otpUrl(),
				suite.phones().sipAddress().getHostString() + ":" + suite.phones().sipAddress().getPort(),
				suite.phonesUrl(), suite.transferUrl(), suite.telcoUrl(), suite.url(Suite.SMS),
				"127.0.0.1:" + suite.smsc().address().getPort(), "127.0.0.1:" + suite.smsc().address().getPort(),
				suite.smscUrl(), infra.kafkaBootstrapServers(), infra.postgresPort(),
				suite.managementUrl(Suite.GATEWAY), suite.managementUrl(Suite.ARS), merchant.merchantId(),
				merchant.keyId(), env, suite.adminToken());
	}

}
