package com.phoneverify.interop.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) in a JVM of its own, on
 * fixed ports and with its log directory on disk, so that after {@code kill -9} a new
 * process recovers the same topics, offsets and consumer groups on the same address.
 * Unlike spring-kafka's embedded broker, whose directories are temporary and whose port
 * is chosen anew at every start.
 */
final class KafkaBroker implements AutoCloseable {

	private final int port = FreePorts.next();

	private final JavaProcess process;

	KafkaBroker(Path directory) {
		int controllerPort = FreePorts.next();
		Path logs = directory.resolve("kafka-logs");
		Path config = directory.resolve("server.properties");
		String properties = String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + controllerPort,
				"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + controllerPort,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port, "controller.listener.names=CONTROLLER",
				"inter.broker.listener.name=PLAINTEXT",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT", "log.dirs=" + logs,
				"num.partitions=4", "auto.create.topics.enable=true", "offsets.topic.replication.factor=1",
				"offsets.topic.num.partitions=4", "transaction.state.log.replication.factor=1",
				"transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
				"group.initial.rebalance.delay.ms=0", "");
		try {
			Files.writeString(config, properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		format(config, directory.resolve("kafka-format.log"));
		this.process = new JavaProcess("kafka", "kafka.Kafka", List.of("-Xmx384m"), List.of(config.toString()),
				directory.resolve("kafka.log"));
	}

	private static void format(Path config, Path log) {
		JavaProcess format = new JavaProcess("kafka-storage-format", "kafka.tools.StorageTool", List.of(),
				List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), log);
		format.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (format.alive() && System.nanoTime() < deadline) {
			JavaProcess.sleep(Duration.ofMillis(200));
		}
		format.close();
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	void start() {
		this.process.start();
		this.process.awaitReady(this::answers, Duration.ofSeconds(90));
	}

	void kill() {
		this.process.kill();
	}

	private boolean answers() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000))) {
			return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
		}
		catch (Exception notYet) {
			return false;
		}
	}

	@Override
	public void close() {
		this.process.close();
	}

}
