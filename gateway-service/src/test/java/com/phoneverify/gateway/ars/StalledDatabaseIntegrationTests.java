package com.phoneverify.gateway.ars;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database stalls (another session holds the verifications table locked): requests
 * fail fast with 503 and Retry-After, and nothing of them is stored, not even after the
 * database recovers.
 */
class StalledDatabaseIntegrationTests extends GatewayIntegrationTest {

	private static final String PATH = "/v1/ars-verifications";

	@Test
	void aStalledDatabaseAnswersAFast503AndStoresNothingOfTheRefusedRequest() throws Exception {
		Merchant merchant = createMerchant();
		Response before = signed(merchant, "GET", PATH + "/" + java.util.UUID.randomUUID(), null);
		assertThat(before.status()).as("credential now cached").isEqualTo(404);
		EmbeddedInfra infra = EmbeddedInfra.shared();
		Response during;
		long took;
		try (Connection stall = DriverManager.getConnection(infra.jdbcUrl("gateway_service"), infra.username(),
				infra.password())) {
			stall.setAutoCommit(false);
			try (Statement lock = stall.createStatement()) {
				lock.execute("LOCK TABLE gateway.verifications IN ACCESS EXCLUSIVE MODE");
			}
			long started = System.nanoTime();
			during = signed(merchant, "POST", PATH, "{\"type\":\"C\",\"phone\":\"010-5555-0202\"}");
			took = (System.nanoTime() - started) / 1_000_000;
			stall.rollback();
		}

		assertThat(during.status()).as(during.text()).isEqualTo(503);
		assertThat(during.contentType()).startsWith("application/problem+json");
		assertThat(during.body().path("type").asString()).endsWith("/database-unavailable");
		assertThat(during.header("Retry-After")).isEqualTo("2");
		assertThat(took).as("ms until the answer: the statement and lock timeouts, not the client's").isLessThan(8_000);
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1", merchant.merchantId()))
			.as("stored for the refused request")
			.isZero();
		Response after = signed(merchant, "POST", PATH, "{\"type\":\"C\",\"phone\":\"010-5555-0202\"}");
		assertThat(after.status()).as(after.text()).isEqualTo(201);
	}

}
