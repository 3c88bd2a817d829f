package com.phoneverify.embedded;

import java.util.concurrent.CountDownLatch;

/**
 * Starts just the broker and the database on devstack's ports (Kafka 9092, PostgreSQL
 * 15432, or {@code -Dinfra.postgres-port}; 0 for any free port), for running one service
 * alone from its IDE or jar. Stop with Ctrl-C.
 */
public final class InfraOnly {

	private InfraOnly() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedInfra infra = EmbeddedInfra
			.start(new EmbeddedInfra.Options(Integer.getInteger("infra.postgres-port", 15432), null, true));
		for (String database : args) {
			infra.jdbcUrl(database);
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			infra.close();
			stopped.countDown();
		}, "infra-stop"));
		System.out.printf("Kafka %s, PostgreSQL 127.0.0.1:%d (postgres/postgres); databases created: %s%n",
				infra.kafkaBootstrapServers(), infra.postgresPort(), String.join(", ", args));
		stopped.await();
	}

}
