package com.phoneverify.ars;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.PhoneSimulatorOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call log survives restarts: the service is started, stopped and started again
 * against the same database (schema {@code ars}, database {@code ars_call_service}) and
 * the same consumer group.
 */
@ResourceLock(TestKafka.AUTH_REQUESTED_READERS)
class DurableIntakeIntegrationTests {

	private static final String KEY = "ZHVyYWJsZS1pbnRha2UtdGVzdC1rZXktMzItYnl0ZXM=";

	private static final Sealer sealer = Sealer.of(Map.of("durable", KEY), "durable");

	private static final EventCodec codec = new EventCodec();

	private static final PhoneSimulator phones = PhoneSimulator.start(PhoneSimulatorOptions.defaults());

	private static final TestKafka.Completed completed = new TestKafka.Completed();

	private final EmbeddedInfra infra = EmbeddedInfra.shared();

	@AfterAll
	static void stopPhones() {
		phones.close();
	}

	@Test
	void aCompletedRequestRedeliveredAfterARestartIsNeitherDialledNorPublishedAgain() {
		String number = "+821055800486";
		VerificationId id = VerificationId.random();
		byte[] record = codec.encode(request(id, number));
		try (ConfigurableApplicationContext service = start("redelivery")) {
			TestKafka.send(Topics.AUTH_REQUESTED, id.toString(), record);
			assertThat(completed.await(id, Duration.ofSeconds(30)).outcome()).isEqualTo(CallOutcome.BUSY);
		}

		try (ConfigurableApplicationContext service = start("redelivery")) {
			// the same record again, as Kafka redelivers it when the offset was not
			// committed before the restart
			TestKafka.send(Topics.AUTH_REQUESTED, id.toString(), record);
			TestKafka.sleep(5000);
		}

		assertThat(completed.await(id, Duration.ofSeconds(1)).outcome()).isEqualTo(CallOutcome.BUSY);
		assertThat(phones.calls().stream().filter((call) -> call.number().endsWith(number.substring(1))))
			.as("INVITEs to the number")
			.hasSize(1);
	}

	@Test
	void aCallLeftDialingByAStoppedInstanceIsPublishedOnceAsTransportError() throws Exception {
		migrate();
		// its instance went silent a minute ago, and its verification expired long
		// enough ago that no live call could still run
		VerificationId id = dialingCall("merchant-orphan", Duration.ofMinutes(1), Instant.now().minusSeconds(120));

		try (ConfigurableApplicationContext service = start("orphan")) {
			CallCompleted event = completed.await(id, Duration.ofSeconds(30));

			assertThat(event.outcome()).isEqualTo(CallOutcome.TRANSPORT_ERROR);
			assertThat(event.merchantId()).isEqualTo(MerchantId.of("merchant-orphan"));
			// later sweeps publish nothing more
			TestKafka.sleep(3000);
			assertThat(completed.await(id, Duration.ofSeconds(1))).isEqualTo(event);
		}
	}

	/**
	 * An instance silent for longer than the sweep waits (a long GC pause, the database
	 * out of its reach) may still be running its call: the call is not ended under it
	 * while its verification could still be going on.
	 */
	@Test
	void aSilentInstancesCallIsNotEndedWhileItCouldStillBeLive() throws Exception {
		migrate();
		VerificationId id = dialingCall("merchant-paused", Duration.ofMinutes(1), Instant.now().plusSeconds(60));

		try (ConfigurableApplicationContext service = start("paused")) {
			TestKafka.sleep(4000);
		}

		assertThat(completed.arrived(id)).as("call-completed for the paused call").isFalse();
		try (Connection db = jdbc();
				PreparedStatement query = db
					.prepareStatement("select state from ars.calls where verification_id = ?")) {
			query.setObject(1, id.value());
			try (var row = query.executeQuery()) {
				assertThat(row.next()).isTrue();
				assertThat(row.getString(1)).isEqualTo("dialing");
			}
		}
	}

	/** A call another (silent) instance dials, as its row in the call log. */
	private VerificationId dialingCall(String merchant, Duration silentFor, Instant expiresAt) throws Exception {
		VerificationId id = VerificationId.random();
		try (Connection db = jdbc();
				PreparedStatement insert = db.prepareStatement(
						"insert into ars.calls (verification_id, event_id, merchant_id, expires_at, state, owner, heartbeat_at) "
								+ "values (?, ?, ?, ?, 'dialing', ?, ?)")) {
			insert.setObject(1, id.value());
			insert.setObject(2, UUID.randomUUID());
			insert.setString(3, merchant);
			insert.setTimestamp(4, Timestamp.from(expiresAt));
			insert.setObject(5, UUID.randomUUID());
			insert.setTimestamp(6, Timestamp.from(Instant.now().minus(silentFor)));
			insert.executeUpdate();
		}
		return id;
	}

	private ConfigurableApplicationContext start(String name) {
		return new SpringApplicationBuilder(ArsCallApplication.class)
			.initializers(new EmbeddedInfraInitializer(this.infra))
			.run("--server.port=0", "--ars.sip.local-port=0",
					"--ars.sip.trunk=127.0.0.1:" + phones.sipAddress().getPort(), "--ars.sealing.keys.durable=" + KEY,
					"--ars.sealing.current-key-id=durable",
					"--messaging.consumes.auth-requested=ars-durable-it-" + name,
					"--messaging.consumes.verification-outcomes=ars-durable-it-outcomes-" + name,
					"--ars.intake.heartbeat-interval=1s", "--ars.intake.shutdown-grace=5s",
					"--ars.prompts.cache-dir=target/prompt-cache");
	}

	private void migrate() {
		Flyway.configure()
			.dataSource(this.infra.jdbcUrl("ars_call_service"), this.infra.username(), this.infra.password())
			.locations("classpath:db/ars-migration")
			.schemas("ars")
			.defaultSchema("ars")
			.createSchemas(true)
			.load()
			.migrate();
	}

	private Connection jdbc() throws Exception {
		return DriverManager.getConnection(this.infra.jdbcUrl("ars_call_service"), this.infra.username(),
				this.infra.password());
	}

	private static EventEnvelope<AuthRequested> request(VerificationId id, String phone) {
		Instant now = Instant.now();
		return EventTopics.AUTH_REQUESTED.envelope(new AuthRequested(id, MerchantId.of("merchant-durable"),
				ArsScenario.C, sealer.seal(phone, AuthRequested.sealingContext(id, "phone")),
				sealer.seal("123456", AuthRequested.sealingContext(id, "code")), null, 6,
				now.plus(Duration.ofMinutes(3))), now, null);
	}

}
