package com.phoneverify.gateway.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.contracts.Topics;
import com.phoneverify.gateway.GatewayIntegrationTest;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.messaging.trace.Traceparent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's outbox, as the messaging library wires it from the gateway's settings.
 */
class OutboxRelayIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private KafkaTemplate<String, byte[]> kafka;

	@Autowired
	private Outbox outbox;

	@Autowired
	private TransactionalOperator tx;

	@Test
	void theProducerIsIdempotentAndBlocksACallerAtMostFiveSeconds() {
		Map<String, Object> config = this.kafka.getProducerFactory().getConfigurationProperties();
		assertThat(config).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000)
			.containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
	}

	@Test
	void aCommittedRowIsPublishedWithItsTraceContextInTheHeaderAndDeleted() {
		String key = "outbox-test-" + UUID.randomUUID();
		String traceparent = Traceparent.generate();
		StepVerifier.create(this.tx.transactional(this.outbox.enqueue(new OutboxMessage(Topics.VERIFICATION_OUTCOMES,
				key, "{}".getBytes(StandardCharsets.UTF_8), traceparent))))
			.verifyComplete();
		this.outbox.committed();
		List<ConsumerRecord<String, byte[]>> records = awaitRecords(Topics.VERIFICATION_OUTCOMES,
				(record) -> key.equals(record.key()), 1, Duration.ofSeconds(20));
		assertThat(records).hasSize(1);
		assertThat(new String(records.get(0).headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
			.isEqualTo(traceparent);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM gateway.outbox WHERE message_key = $1", key) == 0);
	}

	@Test
	void aTopicThatTheServiceDidNotDeclareIsRefusedWithThePropertyToSet() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.outbox.enqueue(new OutboxMessage("undeclared-topic", "k", new byte[] { 1 }, null)))
			.withMessageContaining("messaging.produces.undeclared-topic");
	}

}
