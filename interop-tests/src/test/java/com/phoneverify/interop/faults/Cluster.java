package com.phoneverify.interop.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.PhoneSimulatorOptions;

/**
 * The ARS path as production runs it: the Kafka broker, PostgreSQL, every gateway and
 * every call service a process of its own, each with the settings devstack's
 * {@code Suite} gives it (one events key ring, the phone simulator as SIP trunk, the
 * database named after the service). The phone simulator is the outside world: it stays
 * in the test's JVM, where the run counts its calls, and is never killed.
 */
final class Cluster implements AutoCloseable {

	static final String GATEWAY_DATABASE = "gateway_service";

	static final String ARS_DATABASE = "ars_call_service";

	private final Path directory;

	private final String eventsKey = randomBase64(32);

	private final String atRestKey = randomBase64(32);

	private final String codePepper = randomBase64(32);

	private final String adminToken = randomBase64(24);

	private final KafkaBroker kafka;

	private final Postgres postgres;

	private final PhoneSimulator phones;

	private final List<Service> gateways = new ArrayList<>();

	private final List<Service> callServices = new ArrayList<>();

	/** A running service and where it answers. */
	record Service(JavaProcess process, String url, String healthUrl) {

		void start() {
			this.process.start();
		}

		void awaitReady() {
			this.process.awaitHttpOk(this.healthUrl, Duration.ofSeconds(150));
		}

		void restart() {
			start();
			awaitReady();
		}

		void kill() {
			this.process.kill();
		}

	}

	Cluster(String name) {
		this.directory = freshDirectory(name);
		this.postgres = new Postgres(this.directory.resolve("postgres"));
		this.postgres.start();
		this.postgres.createDatabase(GATEWAY_DATABASE);
		this.postgres.createDatabase(ARS_DATABASE);
		this.kafka = new KafkaBroker(this.directory);
		this.kafka.start();
		this.phones = PhoneSimulator.start(PhoneSimulatorOptions.defaults().withSipHost("127.0.0.1"));
	}

	/** Starts (but does not wait for) gateway instance {@code n} (1, 2, …). */
	Service addGateway(Map<String, Object> overrides) {
		int n = this.gateways.size() + 1;
		int port = FreePorts.next();
		int management = FreePorts.next();
		Map<String, Object> settings = infraSettings("gateway-service", GATEWAY_DATABASE);
		settings.put("server.port", port);
		settings.put("management.server.port", management);
		settings.put("gateway.admin.token", this.adminToken);
		settings.put("gateway.sealing.events.keys.faults", this.eventsKey);
		settings.put("gateway.sealing.events.current-key-id", "faults");
		settings.put("gateway.sealing.at-rest.keys.faults", this.atRestKey);
		settings.put("gateway.sealing.at-rest.current-key-id", "faults");
		settings.put("gateway.verification.code-pepper", this.codePepper);
		settings.put("gateway.verification.allow-local-http-callbacks", "true");
		settings.putAll(overrides);
		Service gateway = new Service(
				JavaProcess.springBoot("gateway-" + n, "com.phoneverify.gateway.GatewayApplication", settings,
						this.directory.resolve("gateway-" + n + ".log")),
				"http://127.0.0.1:" + port, "http://127.0.0.1:" + management + "/actuator/health/readiness");
		this.gateways.add(gateway);
		gateway.start();
		return gateway;
	}

	/**
	 * Starts (but does not wait for) call service instance {@code n}. Every instance
	 * reads every {@code verification-outcomes} (a call runs on one of them), so each has
	 * a group of its own there, as ars-call-service.yaml says.
	 */
	Service addCallService(Map<String, Object> overrides) {
		int n = this.callServices.size() + 1;
		int port = FreePorts.next();
		Map<String, Object> settings = infraSettings("ars-call-service", ARS_DATABASE);
		settings.put("server.port", port);
		settings.put("ars.sip.local-host", "127.0.0.1");
		settings.put("ars.sip.local-port", FreePorts.next());
		settings.put("ars.sip.trunk", "127.0.0.1:" + this.phones.sipAddress().getPort());
		settings.put("ars.sealing.keys.faults", this.eventsKey);
		settings.put("ars.sealing.current-key-id", "faults");
		settings.put("ars.prompts.cache-dir", this.directory.resolve("prompt-cache"));
		settings.put("messaging.consumes.verification-outcomes", "ars-call-service-outcomes-" + n);
		settings.putAll(overrides);
		Service callService = new Service(
				JavaProcess.springBoot("ars-call-service-" + n, "com.phoneverify.ars.ArsCallApplication", settings,
						this.directory.resolve("ars-call-service-" + n + ".log")),
				"http://127.0.0.1:" + port, "http://127.0.0.1:" + port + "/actuator/health/readiness");
		this.callServices.add(callService);
		callService.start();
		return callService;
	}

	/**
	 * What {@code EmbeddedInfraInitializer} gives a service in devstack. Each service
	 * reads its own {@code <name>.yaml} (all jars are on one class path here, as in
	 * devstack).
	 */
	private Map<String, Object> infraSettings(String name, String database) {
		return infraSettings(name, this.kafka, this.postgres, database);
	}

	static Map<String, Object> infraSettings(String name, KafkaBroker kafka, Postgres postgres, String database) {
		Map<String, Object> settings = new HashMap<>();
		settings.put("spring.application.name", name);
		settings.put("spring.config.name", name);
		settings.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
		settings.put("spring.r2dbc.url", postgres.r2dbcUrl(database));
		settings.put("spring.r2dbc.username", Postgres.USER);
		settings.put("spring.r2dbc.password", Postgres.PASSWORD);
		settings.put("spring.flyway.url", postgres.jdbcUrl(database));
		settings.put("spring.flyway.user", Postgres.USER);
		settings.put("spring.flyway.password", Postgres.PASSWORD);
		return settings;
	}

	KafkaBroker kafka() {
		return this.kafka;
	}

	Postgres postgres() {
		return this.postgres;
	}

	PhoneSimulator phones() {
		return this.phones;
	}

	String adminToken() {
		return this.adminToken;
	}

	/** The events key ring's one key, to open sealed fields as an operator could. */
	String eventsKey() {
		return this.eventsKey;
	}

	Path directory() {
		return this.directory;
	}

	@Override
	public void close() {
		this.callServices.forEach(service -> service.process().close());
		this.gateways.forEach(service -> service.process().close());
		this.phones.close();
		this.kafka.close();
		this.postgres.close();
	}

	/**
	 * {@code target/faults/<name>}, emptied of a previous run's cluster, broker and logs
	 * (the prompt cache stays), readable by PostgreSQL.
	 */
	static Path freshDirectory(String name) {
		try {
			Path directory = Files.createDirectories(Path.of("target", "faults", name)).toAbsolutePath();
			// PostgreSQL runs as nobody when we are root: it must reach its cluster
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
			try (var previous = Files.list(directory)) {
				for (Path path : previous.filter(path -> !path.endsWith("prompt-cache")).toList()) {
					deleteRecursively(path);
				}
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (var walk = Files.walk(root)) {
			for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	static String randomBase64(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getEncoder().encodeToString(random);
	}

}
