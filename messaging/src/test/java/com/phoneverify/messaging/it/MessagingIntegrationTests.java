package com.phoneverify.messaging.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.phoneverify.contracts.DeadLetters;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.messaging.trace.Traceparent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The library as a service uses it, on the JVM's real Kafka broker and PostgreSQL: the
 * outbox publishes committed rows with their trace context, a redelivered event is
 * applied once, poison is dead-lettered with its reason, and a valid event whose handler
 * throws an unrelated {@code IllegalArgumentException} is retried, never dead-lettered.
 */
@SpringBootTest(classes = MessagingTestApplication.class,
		properties = { "spring.application.name=messaging-it", "spring.main.web-application-type=none",
				"messaging.produces." + MessagingTestApplication.TOPIC + ".partitions=2",
				"messaging.consumes." + MessagingTestApplication.TOPIC + "=" + MessagingTestApplication.GROUP,
				"messaging.outbox.table=messaging_it.outbox", "messaging.outbox.poll-interval=100ms",
				"messaging.consumer.processed-events-table=messaging_it.processed_events",
				"messaging.consumer.retry-backoff=50ms", "messaging.consumer.retry-max-backoff=200ms" })
@ContextConfiguration(initializers = EmbeddedInfraInitializer.class)
class MessagingIntegrationTests {

	private static final String DEAD_LETTERS = Topics.deadLetterOf(MessagingTestApplication.TOPIC,
			MessagingTestApplication.GROUP);

	@Autowired
	private Outbox outbox;

	@Autowired
	private TransactionalOperator tx;

	@Autowired
	private com.phoneverify.messaging.consume.ProcessedEvents processed;

	@Autowired
	private MessagingTestApplication.Handled handled;

	@Autowired
	private org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

	/** The listener's id is not its group: the configured group is. */
	@org.junit.jupiter.api.Test
	void aListenerConsumesInItsFactorysGroupWhateverItsId() {
		org.assertj.core.api.Assertions
			.assertThat(this.listeners.getListenerContainer("messaging-it-listener").getGroupId())
			.isEqualTo(MessagingTestApplication.GROUP);
	}

	private final EventCodec codec = new EventCodec();

	@BeforeAll
	static void createTables() {
		EmbeddedInfra infra = EmbeddedInfra.shared();
		DatabaseClient db = DatabaseClient
			.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(infra.r2dbcUrl("messaging_it"))
				.mutate()
				.option(ConnectionFactoryOptions.USER, infra.username())
				.option(ConnectionFactoryOptions.PASSWORD, infra.password())
				.build()));
		for (String ddl : new String[] { "CREATE SCHEMA IF NOT EXISTS messaging_it",
				"CREATE TABLE IF NOT EXISTS messaging_it.outbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
						+ " topic text NOT NULL, message_key text NOT NULL, payload bytea NOT NULL, traceparent text,"
						+ " created_at timestamptz NOT NULL DEFAULT now())",
				"CREATE TABLE IF NOT EXISTS messaging_it.processed_events (event_id uuid PRIMARY KEY,"
						+ " processed_at timestamptz NOT NULL)" }) {
			db.sql(ddl).then().block(Duration.ofSeconds(30));
		}
	}

	@Test
	void anEventEnqueuedInACommittedTransactionIsPublishedWithItsTraceAndApplied() {
		String traceparent = Traceparent.generate();
		EventEnvelope<TestEvent> event = TestEvent.of("outbox-" + UUID.randomUUID(), "hello", traceparent);
		StepVerifier
			.create(this.tx.transactional(
					this.outbox.enqueue(OutboxMessage.of(MessagingTestApplication.TOPIC, event, this.codec))))
			.verifyComplete();
		this.outbox.committed();
		await().atMost(20, TimeUnit.SECONDS).until(() -> applied(event.key()) == 1);
		ConsumerRecord<String, byte[]> record = read(MessagingTestApplication.TOPIC, event.key());
		assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
			.isEqualTo(traceparent);
		assertThat(this.handled.traceIds).contains(Traceparent.traceId(traceparent));
	}

	@Test
	void eventsEnqueuedTogetherInOneStatementArePublishedInTheirOrderAndEachApplied() {
		String key = "together-" + UUID.randomUUID();
		List<String> notes = List.of("first", "second", "third");
		List<OutboxMessage> messages = notes.stream()
			.map((note) -> OutboxMessage.of(MessagingTestApplication.TOPIC, TestEvent.of(key, note, null), this.codec))
			.toList();
		StepVerifier.create(this.tx.transactional(this.outbox.enqueueAll(messages))).verifyComplete();
		this.outbox.committed();
		await().atMost(20, TimeUnit.SECONDS).until(() -> applied(key) == 3);
		List<String> published = readAll(MessagingTestApplication.TOPIC).stream()
			.filter((record) -> key.equals(record.key()))
			.map((record) -> new String(record.value(), StandardCharsets.UTF_8))
			.map((json) -> notes.stream().filter((note) -> json.contains("\"" + note + "\"")).findFirst().orElse("?"))
			.toList();
		assertThat(published).containsExactlyElementsOf(notes);
	}

	@Test
	void moreEventsEnqueuedTogetherThanARowHoldsArePublishedInTheirOrderWithTheirTraces() {
		String key = "packed-" + UUID.randomUUID();
		List<String> traceparents = IntStream.range(0, 250).mapToObj((i) -> Traceparent.generate()).toList();
		List<OutboxMessage> messages = traceparents.stream()
			.map((traceparent) -> OutboxMessage.of(MessagingTestApplication.TOPIC,
					TestEvent.of(key, traceparent, traceparent), this.codec))
			.toList();
		StepVerifier.create(this.tx.transactional(this.outbox.enqueueAll(messages))).verifyComplete();
		this.outbox.committed();
		await().atMost(20, TimeUnit.SECONDS).until(() -> applied(key) == 250);
		List<ConsumerRecord<String, byte[]>> published = readAll(MessagingTestApplication.TOPIC).stream()
			.filter((record) -> key.equals(record.key()))
			.toList();
		assertThat(published).extracting(
				(record) -> new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
			.containsExactlyElementsOf(traceparents);
		assertThat(published).allSatisfy((record) -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
			.contains(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII)));
	}

	@Test
	void firstDeliveriesOfManyEventsNamesOnlyTheIdsNotSeenBefore() {
		UUID seen = UUID.randomUUID();
		UUID fresh = UUID.randomUUID();
		StepVerifier.create(this.tx.transactional(this.processed.firstDeliveries(List.of(seen, seen))))
			.expectNext(java.util.Set.of(seen))
			.verifyComplete();
		StepVerifier.create(this.tx.transactional(this.processed.firstDeliveries(List.of(seen, fresh))))
			.expectNext(java.util.Set.of(fresh))
			.verifyComplete();
	}

	@Test
	void anEventRolledBackIsNeverPublished() {
		EventEnvelope<TestEvent> event = TestEvent.of("rolled-back-" + UUID.randomUUID(), "never", null);
		StepVerifier.create(this.tx.execute((status) -> {
			status.setRollbackOnly();
			return this.outbox.enqueue(OutboxMessage.of(MessagingTestApplication.TOPIC, event, this.codec));
		})).verifyComplete();
		EventEnvelope<TestEvent> marker = TestEvent.of("marker-" + UUID.randomUUID(), "after", null);
		send(marker.key(), this.codec.encode(marker));
		await().atMost(20, TimeUnit.SECONDS).until(() -> applied(marker.key()) == 1);
		assertThat(applied(event.key())).isZero();
	}

	@Test
	void aRedeliveredEventIsAppliedOnce() {
		EventEnvelope<TestEvent> event = TestEvent.of("twice-" + UUID.randomUUID(), "hello", null);
		byte[] bytes = this.codec.encode(event);
		send(event.key(), bytes);
		send(event.key(), bytes);
		EventEnvelope<TestEvent> marker = TestEvent.of(event.key(), "after", null);
		send(marker.key(), this.codec.encode(marker));
		// counted per key: the event once and the marker (same partition, after both
		// copies) once
		await().atMost(20, TimeUnit.SECONDS).until(() -> applied(event.key()) == 2);
		assertThat(applied(event.key())).isEqualTo(2);
	}

	@Test
	void aMalformedRecordIsDeadLetteredWithTheReasonAndTheConsumerGoesOn() {
		String key = "poison-" + UUID.randomUUID();
		send(key, "{\"eventId\":42".getBytes(StandardCharsets.UTF_8));
		EventEnvelope<TestEvent> after = TestEvent.of(key, "after the poison", null);
		send(key, this.codec.encode(after));
		await().atMost(20, TimeUnit.SECONDS).until(() -> applied(key) == 1);
		ConsumerRecord<String, byte[]> letter = read(DEAD_LETTERS, key);
		assertThat(header(letter, DeadLetters.REASON_HEADER)).startsWith("not a valid test-event v1 event");
		assertThat(header(letter, DeadLetters.CONSUMER_HEADER)).isEqualTo(MessagingTestApplication.GROUP);
	}

	@Test
	void aValidEventWhoseHandlerThrowsAnUnrelatedIllegalArgumentExceptionIsRetriedNeverDeadLettered() {
		EventEnvelope<TestEvent> event = TestEvent.of("fail-" + UUID.randomUUID(), "fail-twice", null);
		send(event.key(), this.codec.encode(event));
		await().atMost(20, TimeUnit.SECONDS).until(() -> applied(event.key()) == 1);
		assertThat(this.handled.failures.get(event.key())).hasValue(3);
		assertThat(readAll(DEAD_LETTERS)).noneMatch((record) -> event.key().equals(record.key()));
	}

	private int applied(String key) {
		var count = this.handled.applied.get(key);
		return (count != null) ? count.get() : 0;
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static void send(String key, byte[] value) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(MessagingTestApplication.TOPIC, key, value)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ConsumerRecord<String, byte[]> read(String topic, String key) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			for (ConsumerRecord<String, byte[]> record : readAll(topic)) {
				if (key.equals(record.key())) {
					return record;
				}
			}
		}
		throw new AssertionError("no record with key " + key + " on " + topic);
	}

	private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrapServers(),
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))
					&& System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

}
