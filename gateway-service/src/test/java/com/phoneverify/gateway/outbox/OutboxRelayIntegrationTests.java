package com.phoneverify.gateway.outbox;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.gateway.GatewayIntegrationTest;
import com.phoneverify.gateway.GatewayProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private KafkaTemplate<String, byte[]> kafka;

	@Autowired
	private Outbox outbox;

	@Autowired
	private TransactionalOperator tx;

	@Autowired
	private GatewayProperties properties;

	@Test
	void theProducerBlocksACallerAtMostFiveSeconds() {
		assertThat(this.kafka.getProducerFactory().getConfigurationProperties())
			.containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
	}

	@Test
	void sendsAreCalledOnTheRelaysOwnThreadNeverOnTheDatabaseEventLoop() {
		List<String> sendThreads = new CopyOnWriteArrayList<>();
		KafkaTemplate<String, byte[]> recording = new KafkaTemplate<>(this.kafka.getProducerFactory()) {
			@Override
			public CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] data) {
				sendThreads.add(Thread.currentThread().getName());
				return CompletableFuture.completedFuture(null);
			}
		};
		OutboxRelay relay = new OutboxRelay(this.db, this.tx, recording, this.properties, new SimpleMeterRegistry());
		String key = "relay-test-" + UUID.randomUUID();
		// in a transaction rolled back at the end: the real relay never sees the row, and
		// whatever else this relay claimed stays for the real one
		StepVerifier.create(this.tx.execute((status) -> {
			status.setRollbackOnly();
			return this.outbox.enqueue(new OutboxMessage("outbox-relay-test", key, new byte[] { 1 }))
				.then(relay.publishBatch());
		})).expectNextMatches((published) -> published >= 1).verifyComplete();
		relay.destroy();
		assertThat(sendThreads).isNotEmpty().allMatch((name) -> name.startsWith("outbox-send"), "named outbox-send");
	}

}
