package com.phoneverify.interop.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.simulators.smsc.SmscSimulator;
import com.phoneverify.simulators.smsc.SmscSimulatorOptions;

/**
 * The SMS path as production runs it: PostgreSQL, the Kafka broker and sms-relay-service
 * each a process of its own, the relay with the settings devstack's {@code Suite} gives
 * it (the events key ring, the registered sender number, the SMSC's address). The SMSC
 * simulator is the outside world: it stays in the test's JVM, where the run counts what
 * each handset received, and is never killed.
 */
final class SmsCluster implements AutoCloseable {

	static final String RELAY_DATABASE = "sms_relay_service";

	/** The sender number devstack registers (a business number). */
	static final String SENDER_NUMBER = "15880000";

	private static final String KEY_ID = "faults";

	private final Path directory;

	private final String eventsKey = Cluster.randomBase64(32);

	private final Postgres postgres;

	private final KafkaBroker kafka;

	private final SmscSimulator smsc;

	private final JavaProcess relay;

	private final String relayHealthUrl;

	/**
	 * Starts PostgreSQL, the broker and the SMSC; the relay is started by
	 * {@link #startRelay()}.
	 * @param relayOverrides settings of the relay beyond devstack's
	 */
	SmsCluster(String name, Map<String, Object> relayOverrides) {
		this.directory = Cluster.freshDirectory(name);
		this.postgres = new Postgres(this.directory.resolve("postgres"));
		this.postgres.start();
		this.postgres.createDatabase(RELAY_DATABASE);
		this.kafka = new KafkaBroker(this.directory);
		this.kafka.start();
		this.smsc = SmscSimulator.start(SmscSimulatorOptions.defaults());
		int port = FreePorts.next();
		Map<String, Object> settings = new HashMap<>(
				Cluster.infraSettings("sms-relay-service", this.kafka, this.postgres, RELAY_DATABASE));
		settings.put("server.port", port);
		settings.put("sms.smsc.host", "127.0.0.1");
		settings.put("sms.smsc.port", this.smsc.address().getPort());
		settings.put("sms.sealing.keys." + KEY_ID, this.eventsKey);
		settings.put("sms.sealing.current-key-id", KEY_ID);
		settings.put("sms.sender-numbers[0]", SENDER_NUMBER);
		settings.put("sms.two-way-number", SENDER_NUMBER);
		settings.putAll(relayOverrides);
		this.relay = JavaProcess.springBoot("sms-relay-service", "com.phoneverify.sms.SmsRelayApplication", settings,
				this.directory.resolve("sms-relay-service.log"));
		this.relayHealthUrl = "http://127.0.0.1:" + port + "/actuator/health/readiness";
	}

	/** Starts the relay and waits until it is ready and bound to the SMSC. */
	void startRelay() {
		long binds = this.smsc.stats().binds();
		this.relay.start();
		this.relay.awaitHttpOk(this.relayHealthUrl, Duration.ofSeconds(150));
		this.relay.awaitReady(() -> this.smsc.stats().binds() > binds, Duration.ofSeconds(30));
	}

	/** {@code kill -9} of the relay. */
	void killRelay() {
		this.relay.kill();
	}

	/**
	 * The events key ring as transfer-consent-service holds it: it seals sms-outbound.
	 */
	Sealer eventsSealer() {
		return Sealer.of(Map.of(KEY_ID, this.eventsKey), KEY_ID);
	}

	/**
	 * The messages the relay has claimed but whose SMSC answer it has not recorded
	 * ({@code submitting}): after a kill, the only ones that may have been sent and will
	 * be sent again.
	 */
	Set<UUID> claimedNotRecorded() {
		Set<UUID> ids = new HashSet<>();
		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl(RELAY_DATABASE), Postgres.USER,
				Postgres.PASSWORD);
				Statement query = connection.createStatement();
				ResultSet rows = query.executeQuery("SELECT id FROM sms.messages WHERE status = 'submitting'")) {
			while (rows.next()) {
				ids.add(rows.getObject(1, UUID.class));
			}
			return ids;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not read the relay's claims", ex);
		}
	}

	/** Messages per status in the relay's table. */
	Map<String, Long> statusCounts() {
		Map<String, Long> counts = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl(RELAY_DATABASE), Postgres.USER,
				Postgres.PASSWORD);
				Statement query = connection.createStatement();
				ResultSet rows = query
					.executeQuery("SELECT status, count(*) FROM sms.messages GROUP BY status ORDER BY status")) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getLong(2));
			}
			return counts;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not count the relay's messages", ex);
		}
	}

	KafkaBroker kafka() {
		return this.kafka;
	}

	SmscSimulator smsc() {
		return this.smsc;
	}

	Path directory() {
		return this.directory;
	}

	@Override
	public void close() {
		this.relay.close();
		this.smsc.close();
		this.kafka.close();
		this.postgres.close();
	}

}
