package com.phoneverify.gateway.verification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.phoneverify.embedded.EmbeddedInfra;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 splits the ARS verifications of earlier versions into the shared read model and
 * their ARS details without losing a field: migrated on a database of its own, from V4
 * with a row in it.
 */
class ReadModelMigrationIntegrationTests {

	private static final String DATABASE = "gateway_read_model_migration";

	@Test
	void anArsVerificationStoredBeforeTheSplitKeepsEveryField() throws SQLException {
		EmbeddedInfra infra = EmbeddedInfra.shared();
		String url = infra.jdbcUrl(DATABASE);
		Flyway.configure()
			.dataSource(url, infra.username(), infra.password())
			.schemas("gateway")
			.locations("classpath:db/migration")
			.cleanDisabled(false)
			.load()
			.clean();
		migrateTo(url, "4");
		try (Connection db = DriverManager.getConnection(url, infra.username(), infra.password());
				Statement sql = db.createStatement()) {
			sql.executeUpdate(
					"""
							INSERT INTO gateway.verifications (id, merchant_id, type, status, reason, phone_key_id, phone_nonce,
							  phone_ciphertext, phone_masked, code_hash, code_length, attempts_used, callback_url, expires_at,
							  created_at, updated_at, finished_at, call_outcome, scenario_result, sip_status, ringing_ms,
							  answer_ms, call_total_ms, call_completed_at, traceparent)
							VALUES ('5f0e1d2c-3b4a-4958-8776-655443322110', 'shop', 'B', 'failed', 'busy', 'k1', 'n1', 'c1',
							  '+82 10-****-5678', '\\x0102'::bytea, 6, 2, 'https://shop.example/h', now(), now(), now(), now(),
							  'busy', NULL, 486, 900, NULL, 1200, now(), '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')
							""");
			migrateTo(url, "5");
			try (ResultSet shared = sql.executeQuery(
					"SELECT product, kind, status, reason, callback_url, traceparent FROM gateway.verifications")) {
				assertThat(shared.next()).isTrue();
				assertThat(shared.getString("product")).isEqualTo("ars");
				assertThat(shared.getString("kind")).isEqualTo("B");
				assertThat(shared.getString("status")).isEqualTo("failed");
				assertThat(shared.getString("reason")).isEqualTo("busy");
				assertThat(shared.getString("callback_url")).isEqualTo("https://shop.example/h");
				assertThat(shared.getString("traceparent")).startsWith("00-4bf92f35");
			}
			try (ResultSet ars = sql.executeQuery("SELECT * FROM gateway.ars_verifications")) {
				assertThat(ars.next()).isTrue();
				assertThat(ars.getString("id")).isEqualTo("5f0e1d2c-3b4a-4958-8776-655443322110");
				assertThat(ars.getString("phone_key_id")).isEqualTo("k1");
				assertThat(ars.getString("phone_masked")).isEqualTo("+82 10-****-5678");
				assertThat(ars.getBytes("code_hash")).containsExactly(1, 2);
				assertThat(ars.getInt("code_length")).isEqualTo(6);
				assertThat(ars.getInt("attempts_used")).isEqualTo(2);
				assertThat(ars.getString("call_outcome")).isEqualTo("busy");
				assertThat(ars.getInt("sip_status")).isEqualTo(486);
				assertThat(ars.getLong("call_total_ms")).isEqualTo(1200);
				assertThat(ars.next()).isFalse();
			}
		}
	}

	private static void migrateTo(String url, String version) {
		EmbeddedInfra infra = EmbeddedInfra.shared();
		Flyway.configure()
			.dataSource(url, infra.username(), infra.password())
			.schemas("gateway")
			.defaultSchema("gateway")
			.createSchemas(true)
			.locations("classpath:db/migration")
			.target(version)
			.load()
			.migrate();
	}

}
