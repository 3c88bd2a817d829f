package com.phoneverify.gateway.merchant;

import java.util.Map;

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

}
