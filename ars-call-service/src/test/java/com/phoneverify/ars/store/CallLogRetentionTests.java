package com.phoneverify.ars.store;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.phoneverify.embedded.EmbeddedInfra;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** On the real database, migrated as the service migrates it. */
class CallLogRetentionTests {

	private static final String DATABASE = "ars_call_service";

	private final EmbeddedInfra infra = EmbeddedInfra.shared();

	private final DatabaseClient db = DatabaseClient
		.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(this.infra.r2dbcUrl(DATABASE))
			.mutate()
			.option(ConnectionFactoryOptions.USER, this.infra.username())
			.option(ConnectionFactoryOptions.PASSWORD, this.infra.password())
			.build()));

	@Test
	void onlyPublishedCallsPastTheRetentionAreDeleted() {
		migrate();
		UUID old = call("published", "91 days");
		UUID recent = call("published", "89 days");
		UUID unpublished = call("ended", "91 days");
		CallLogRetention retention = new CallLogRetention(this.db, Clock.systemUTC(), Duration.ofDays(90),
				Duration.ofHours(1));

		long deleted = retention.purgeExpired().block();

		assertThat(deleted).isGreaterThanOrEqualTo(1);
		assertThat(exists(old)).isFalse();
		assertThat(exists(recent)).isTrue();
		assertThat(exists(unpublished)).as("not yet published: its outcome is still owed").isTrue();
	}

	private UUID call(String state, String age) {
		UUID id = UUID.randomUUID();
		this.db.sql("""
				INSERT INTO ars.calls (verification_id, event_id, merchant_id, expires_at, state, updated_at)
				VALUES ($1, $2, 'merchant-retention', now() - CAST($3 AS interval), $4, now() - CAST($3 AS interval))
				""").bind(0, id).bind(1, UUID.randomUUID()).bind(2, age).bind(3, state).fetch().rowsUpdated().block();
		return id;
	}

	private boolean exists(UUID id) {
		return this.db.sql("SELECT count(*) AS n FROM ars.calls WHERE verification_id = $1")
			.bind(0, id)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block() == 1;
	}

	private void migrate() {
		Flyway.configure()
			.dataSource(this.infra.jdbcUrl(DATABASE), this.infra.username(), this.infra.password())
			.locations("classpath:db/ars-migration")
			.schemas("ars")
			.defaultSchema("ars")
			.createSchemas(true)
			.load()
			.migrate();
	}

}
