package com.phoneverify.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Exit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One Kafka broker and one PostgreSQL server for this JVM. Tests call {@link #shared()},
 * which starts them on first use and stops them when the JVM exits; devstack calls
 * {@link #start(Options)} with a fixed PostgreSQL port. When a Docker engine answers,
 * {@link #shared()} uses Testcontainers instead (see {@link ContainerInfra}).
 */
public class EmbeddedInfra implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedInfra.class);

	private static EmbeddedInfra shared;

	private final String kafkaBootstrapServers;

	private final String postgresHost;

	private final int postgresPort;

	private final String username;

	private final String password;

	private final AutoCloseable resources;

	EmbeddedInfra(String kafkaBootstrapServers, String postgresHost, int postgresPort, String username, String password,
			AutoCloseable resources) {
		this.kafkaBootstrapServers = kafkaBootstrapServers;
		this.postgresHost = postgresHost;
		this.postgresPort = postgresPort;
		this.username = username;
		this.password = password;
		this.resources = resources;
	}

	/**
	 * How devstack wants its infrastructure.
	 *
	 * @param postgresPort 0 for any free port
	 * @param postgresData where PostgreSQL keeps its cluster; null for a throw-away one
	 * @param durable whether PostgreSQL fsyncs (true for devstack and benchmarks, false
	 * for tests)
	 */
	public record Options(int postgresPort, Path postgresData, boolean durable) {

		public static Options forTests() {
			return new Options(0, null, false);
		}

	}

	/** The JVM's broker and database, started on first call. */
	public static synchronized EmbeddedInfra shared() {
		if (shared == null) {
			shared = ContainerInfra.dockerAnswers() ? ContainerInfra.start() : start(Options.forTests());
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-infra-stop"));
		}
		return shared;
	}

	public static EmbeddedInfra start(Options options) {
		long started = System.nanoTime();
		LocalPostgres postgres = LocalPostgres.start(options.postgresData(), options.postgresPort(), options.durable());
		List<Runnable> deleteBrokerFiles = deferKafkaShutdownHooks();
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 4);
		kafka.brokerProperties(Map.of("auto.create.topics.enable", "true", "num.partitions", "4",
				"group.initial.rebalance.delay.ms", "0", "transaction.state.log.replication.factor", "1",
				"transaction.state.log.min.isr", "1", "offsets.topic.replication.factor", "1"));
		// The broker picks a free port: Kafka's KRaft test kit cannot bind a fixed one
		// (spring-kafka#2916), so callers print kafkaBootstrapServers() instead.
		try {
			kafka.afterPropertiesSet();
		}
		catch (RuntimeException brokerFailed) {
			postgres.close();
			throw brokerFailed;
		}
		finally {
			Exit.resetShutdownHookAdder();
		}
		log.info("Kafka broker ready at {}, PostgreSQL at 127.0.0.1:{} ({} ms)", kafka.getBrokersAsString(),
				postgres.port(), (System.nanoTime() - started) / 1_000_000);
		return new EmbeddedInfra(kafka.getBrokersAsString(), "127.0.0.1", postgres.port(), LocalPostgres.USER,
				LocalPostgres.PASSWORD, () -> {
					try {
						kafka.destroy();
						deleteBrokerFiles.forEach(Runnable::run);
					}
					finally {
						postgres.close();
					}
				});
	}

	/**
	 * Kafka's test kit registers a JVM shutdown hook per temporary directory that deletes
	 * it. Hooks run concurrently, so on Ctrl-C the broker's log directory vanished while
	 * the broker was still running: it marked its directories offline and logged that
	 * every two seconds until the JVM died, which made devstack take over a minute to
	 * stop. The deletions are collected instead and run by {@link #close()} once the
	 * broker is down.
	 */
	private static List<Runnable> deferKafkaShutdownHooks() {
		List<Runnable> deferred = new ArrayList<>();
		Exit.setShutdownHookAdder((name, hook) -> deferred.add(hook));
		return deferred;
	}

	public String kafkaBootstrapServers() {
		return this.kafkaBootstrapServers;
	}

	/** Creates the database on first use. Names are lower-case identifiers. */
	public String jdbcUrl(String database) {
		String url = "jdbc:postgresql://" + this.postgresHost + ":" + this.postgresPort + "/";
		Databases.createIfAbsent(url + "postgres", this.username, this.password, database);
		return url + database;
	}

	/** Creates the database on first use. */
	public String r2dbcUrl(String database) {
		jdbcUrl(database);
		return "r2dbc:postgresql://" + this.postgresHost + ":" + this.postgresPort + "/" + database;
	}

	public String postgresHost() {
		return this.postgresHost;
	}

	public int postgresPort() {
		return this.postgresPort;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	@Override
	public void close() {
		try {
			this.resources.close();
		}
		catch (Exception ex) {
			log.warn("Stopping the embedded infrastructure failed", ex);
		}
	}

}
