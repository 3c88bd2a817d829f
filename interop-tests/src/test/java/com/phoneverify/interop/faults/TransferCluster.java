package com.phoneverify.interop.faults;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.phoneverify.simulators.smsc.SmscSimulator;
import com.phoneverify.simulators.smsc.SmscSimulatorOptions;
import com.phoneverify.simulators.telco.TelcoSimulator;
import com.phoneverify.transfer.evidence.EvidenceKeys;

/**
 * The 2-WAY transfer path as production runs it: the Kafka broker, PostgreSQL,
 * transfer-consent-service and sms-relay-service each a process of its own, with the
 * settings devstack's {@code Suite} gives them (one events key ring, the SMSC simulator
 * as SMSC, the telco simulator for the name check, {@code 15880000} as sender and 2-WAY
 * number, the database named after the service). The SMSC and the telco are the outside
 * world: they stay in the test's JVM, where the run reads the handsets' inboxes and
 * replies from them, and are never killed.
 */
final class TransferCluster implements AutoCloseable {

	static final String TRANSFER_DATABASE = "transfer_consent_service";

	static final String SMS_DATABASE = "sms_relay_service";

	/** Devstack's sender and 2-WAY number: replies to it are consent replies. */
	static final String TWO_WAY_NUMBER = "15880000";

	private final Path directory;

	private final String eventsKey = Cluster.randomBase64(32);

	private final KeyPair evidenceKeys = EvidenceKeys.generate();

	private final KafkaBroker kafka;

	private final Postgres postgres;

	private final SmscSimulator smsc;

	private final TelcoSimulator telco;

	private final List<Cluster.Service> services = new ArrayList<>();

	TransferCluster(String name) {
		this.directory = Cluster.freshDirectory(name);
		this.postgres = new Postgres(this.directory.resolve("postgres"));
		this.postgres.start();
		this.postgres.createDatabase(TRANSFER_DATABASE);
		this.postgres.createDatabase(SMS_DATABASE);
		this.kafka = new KafkaBroker(this.directory);
		this.kafka.start();
		this.smsc = SmscSimulator.start(SmscSimulatorOptions.defaults());
		this.telco = TelcoSimulator.start("127.0.0.1", 0);
	}

	/**
	 * Starts (but does not wait for) transfer-consent-service with devstack's settings
	 * and these on top.
	 */
	Cluster.Service addTransferService(Map<String, Object> overrides) {
		int port = FreePorts.next();
		Map<String, Object> settings = infraSettings("transfer-consent-service", TRANSFER_DATABASE);
		settings.put("server.port", port);
		settings.put("transfer.sealing.keys.faults", this.eventsKey);
		settings.put("transfer.sealing.current-key-id", "faults");
		settings.put("transfer.codes.key", Cluster.randomBase64(32));
		settings.put("transfer.evidence.private-key",
				Base64.getEncoder().encodeToString(this.evidenceKeys.getPrivate().getEncoded()));
		settings.put("transfer.evidence.public-key",
				Base64.getEncoder().encodeToString(this.evidenceKeys.getPublic().getEncoded()));
		settings.put("transfer.telco.base-url", this.telco.baseUrl());
		settings.put("transfer.sms.sender-number", TWO_WAY_NUMBER);
		settings.putAll(overrides);
		return add("transfer-consent-service", "com.phoneverify.transfer.TransferApplication", settings, port);
	}

	/**
	 * Starts (but does not wait for) sms-relay-service bound to the SMSC simulator, with
	 * devstack's settings and these on top.
	 */
	Cluster.Service addRelay(Map<String, Object> overrides) {
		int port = FreePorts.next();
		Map<String, Object> settings = infraSettings("sms-relay-service", SMS_DATABASE);
		settings.put("server.port", port);
		settings.put("sms.smsc.host", "127.0.0.1");
		settings.put("sms.smsc.port", this.smsc.address().getPort());
		settings.put("sms.sealing.keys.faults", this.eventsKey);
		settings.put("sms.sealing.current-key-id", "faults");
		settings.put("sms.sender-numbers[0]", TWO_WAY_NUMBER);
		settings.put("sms.two-way-number", TWO_WAY_NUMBER);
		settings.putAll(overrides);
		return add("sms-relay-service", "com.phoneverify.sms.SmsRelayApplication", settings, port);
	}

	private Cluster.Service add(String name, String mainClass, Map<String, Object> settings, int port) {
		Cluster.Service service = new Cluster.Service(
				JavaProcess.springBoot(name, mainClass, settings, this.directory.resolve(name + ".log")),
				"http://127.0.0.1:" + port, "http://127.0.0.1:" + port + "/actuator/health/readiness");
		this.services.add(service);
		service.start();
		return service;
	}

	private Map<String, Object> infraSettings(String name, String database) {
		return Cluster.infraSettings(name, this.kafka, this.postgres, database);
	}

	KafkaBroker kafka() {
		return this.kafka;
	}

	Postgres postgres() {
		return this.postgres;
	}

	SmscSimulator smsc() {
		return this.smsc;
	}

	TelcoSimulator telco() {
		return this.telco;
	}

	Path directory() {
		return this.directory;
	}

	@Override
	public void close() {
		this.services.forEach(service -> service.process().close());
		this.smsc.close();
		this.telco.close();
		this.kafka.close();
		this.postgres.close();
	}

}
