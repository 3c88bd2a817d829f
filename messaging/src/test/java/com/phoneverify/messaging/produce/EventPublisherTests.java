package com.phoneverify.messaging.produce;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.contracts.EventCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge from Reactor to the Kafka producer. */
class EventPublisherTests {

	private final List<String> sendThreads = new CopyOnWriteArrayList<>();

	private final List<ProducerRecord<String, byte[]>> sent = new CopyOnWriteArrayList<>();

	private final KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(
			new DefaultKafkaProducerFactory<>(Map.of())) {
		@Override
		public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
			// KafkaProducer.send may block here for up to max.block.ms
			EventPublisherTests.this.sendThreads.add(Thread.currentThread().getName());
			EventPublisherTests.this.sent.add(record);
			return CompletableFuture.completedFuture(null);
		}
	};

	private final Scheduler caller = Schedulers.newSingle("caller");

	private final EventPublisher publisher = new EventPublisher(this.kafka, new EventCodec(),
			Schedulers.newBoundedElastic(2, 100, "kafka-send-test"), Set.of("declared"));

	@AfterEach
	void dispose() {
		this.publisher.close();
		this.caller.dispose();
	}

	@Test
	void sendsOnItsOwnThreadsNeverOnTheCallersThread() {
		StepVerifier.create(this.publisher.send("declared", "k", new byte[] { 1 }, null).subscribeOn(this.caller))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.sendThreads).singleElement().asString().startsWith("kafka-send-test");
	}

	@Test
	void carriesTheTraceContextInTheTraceparentHeader() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		StepVerifier.create(this.publisher.send("declared", "k", new byte[] { 1 }, traceparent)).verifyComplete();
		assertThat(new String(this.sent.get(0).headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
			.isEqualTo(traceparent);
	}

	@Test
	void sendsABatchInItsOrderFromOneThread() {
		List<ProducerRecord<String, byte[]>> batch = List.of(
				EventPublisher.record("declared", "k", new byte[] { 1 }, null),
				EventPublisher.record("declared", "k", new byte[] { 2 }, null),
				EventPublisher.record("declared", "k", new byte[] { 3 }, null));
		StepVerifier.create(this.publisher.sendInOrder(batch)).verifyComplete();
		assertThat(this.sent).extracting((record) -> record.value()[0]).containsExactly((byte) 1, (byte) 2, (byte) 3);
		assertThat(Set.copyOf(this.sendThreads)).hasSize(1);
	}

	@Test
	void refusesATopicTheServiceDidNotDeclareNamingTheProperty() {
		StepVerifier.create(this.publisher.send("undeclared", "k", new byte[] { 1 }, null))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("messaging.produces.undeclared"))
			.verify(Duration.ofSeconds(5));
		assertThat(this.sent).isEmpty();
	}

}
