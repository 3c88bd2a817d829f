package com.phoneverify.embedded;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same infrastructure from Testcontainers, used when a Docker engine answers.
 * Testcontainers is optional at run time: without it on the class path, or without an
 * engine, the embedded broker and database are used.
 */
final class ContainerInfra {

	private ContainerInfra() {
	}

	static boolean dockerAnswers() {
		if (Boolean.getBoolean("embedded-infra.force-embedded")) {
			return false;
		}
		// Without a socket or DOCKER_HOST there is nothing to ask, and Testcontainers'
		// probe
		// would log a page of errors before giving up.
		if (System.getenv("DOCKER_HOST") == null
				&& !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
			return false;
		}
		try {
			Class.forName("org.testcontainers.DockerClientFactory");
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			return false;
		}
	}

	@SuppressWarnings("resource") // both containers are closed by EmbeddedInfra.close()
	static EmbeddedInfra start() {
		KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.1").withEnv("KAFKA_NUM_PARTITIONS", "4");
		PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
		kafka.start();
		postgres.start();
		return new EmbeddedInfra(kafka.getBootstrapServers(), postgres.getHost(), postgres.getMappedPort(5432),
				postgres.getUsername(), postgres.getPassword(), () -> {
					kafka.stop();
					postgres.stop();
				});
	}

}
