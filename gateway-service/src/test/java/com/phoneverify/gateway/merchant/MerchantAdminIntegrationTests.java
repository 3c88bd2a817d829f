package com.phoneverify.gateway.merchant;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.phoneverify.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MerchantAdminIntegrationTests extends GatewayIntegrationTest {

	private static final String PATH = "/admin/v1/merchants";

	@Test
	void createsAMerchantAndShowsItsSecretsOnceWithoutStoringThemInClear() {
		Merchant merchant = createMerchant();
		assertThat(merchant.keyId()).startsWith("pk_");
		assertThat(merchant.secret()).matches("[A-Za-z0-9_-]{43}");
		assertThat(merchant.webhookSecret()).startsWith("whsec_");
		assertThat(count("SELECT count(*) FROM gateway.api_credentials WHERE key_id = $1 AND merchant_id = $2",
				merchant.keyId(), merchant.merchantId()))
			.isOne();
		assertThat(count("SELECT count(*) FROM gateway.api_credentials WHERE secret_ciphertext LIKE '%' || $1 || '%'",
				merchant.secret()))
			.isZero();
		assertThat(count("SELECT count(*) FROM gateway.merchants WHERE webhook_secret_ciphertext = $1",
				merchant.webhookSecret()))
			.isZero();
	}

	@Test
	void refusesAWrongTokenAndADuplicateId() {
		String body = "{\"merchantId\":\"shop-dup\",\"name\":\"Dup\"}";
		Response wrong = send("POST", PATH, body,
				Map.of("Authorization", "Bearer nope", "Content-Type", "application/json"));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.contentType()).startsWith("application/problem+json");

		Map<String, String> admin = Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type",
				"application/json");
		send("POST", PATH, body, admin);
		Response duplicate = send("POST", PATH, body, admin);
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.body().path("type").asString()).endsWith("/merchant-exists");
	}

	@Test
	void refusesAnInvalidMerchantId() {
		Response response = send("POST", PATH, "{\"merchantId\":\"Shop 1\",\"name\":\"\"}",
				Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("errors").findValuesAsString("field")).containsExactly("merchantId", "name");
	}

	@Test
	void servesTheOpenApiDocumentAndPrometheusMetrics() {
		Response docs = send("GET", "/v3/api-docs", null, Map.of());
		assertThat(docs.status()).as(docs.text()).isEqualTo(200);
		assertThat(docs.text()).contains("/v1/ars-verifications");
		Response metrics = sendManagement("GET", "/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		Response health = sendManagement("GET", "/actuator/health/readiness");
		assertThat(health.status()).as(health.text()).isEqualTo(200);
		Response liveness = sendManagement("GET", "/actuator/health/liveness");
		assertThat(liveness.status()).as(liveness.text()).isEqualTo(200);
	}

	/** Actuator is on the management port only, not on the merchant-facing one. */
	@Test
	void actuatorIsNotServedOnTheMerchantPort() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		for (String path : new String[] { "/actuator", "/actuator/prometheus", "/actuator/health",
				"/actuator/health/readiness" }) {
			Response response = send("GET", path, null, Map.of());
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.text()).as(path).doesNotContain("jvm_").doesNotContain("UP");
		}
	}

	/**
	 * Five wrong tokens from one address lock it out, even for the right token, with 429
	 * and Retry-After; other addresses are not affected. (From a loopback address of its
	 * own, so that no other test of the shared context is locked out.)
	 */
	@Test
	void repeatedWrongAdminTokensLockTheAddressOut() throws Exception {
		String address = "127.0." + ThreadLocalRandom.current().nextInt(1, 255) + "."
				+ ThreadLocalRandom.current().nextInt(2, 255);
		for (int i = 0; i < 5; i++) {
			assertThat(adminRequestFrom(address, "Bearer wrong-" + i)).as("wrong token %d", i + 1)
				.startsWith("HTTP/1.1 401");
		}
		String locked = adminRequestFrom(address, "Bearer " + ADMIN_TOKEN);
		assertThat(locked).startsWith("HTTP/1.1 429")
			.containsIgnoringCase("retry-after: ")
			.contains("https://phoneverify.dev/problems/admin-locked-out");
		long retryAfter = Long.parseLong(locked.replaceAll("(?is).*\\bretry-after: *(\\d+).*", "$1"));
		assertThat(retryAfter).isBetween(1L, 15 * 60L);
		assertThat(createMerchant().merchantId()).as("another address").isNotBlank();
	}

	/** A raw HTTP/1.1 admin request from a given local (loopback) address. */
	private String adminRequestFrom(String localAddress, String authorization) throws Exception {
		String body = "{\"merchantId\":\"lock-" + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"name\":\"Shop\"}";
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(10_000);
			String request = "POST /admin/v1/merchants HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
					+ "\r\nContent-Type: application/json\r\nContent-Length: "
					+ body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
