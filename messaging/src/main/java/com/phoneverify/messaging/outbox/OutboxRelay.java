package com.phoneverify.messaging.outbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.produce.EventPublisher;
import com.phoneverify.messaging.support.DrainLoop;
import com.phoneverify.messaging.support.Rows;
import com.phoneverify.messaging.support.TableName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Sends committed outbox rows to Kafka and deletes them, a batch per transaction. A batch
 * is taken and deleted by one statement ({@code DELETE … RETURNING} of rows chosen with
 * {@code FOR UPDATE SKIP LOCKED}), so several instances share the work and each row is
 * written once more, not locked and then deleted; a failed send rolls the batch back (the
 * rows are there again) and it is tried again (at least once, so consumers deduplicate by
 * event id). A row may hold several messages ({@link PackedMessages}), sent in their
 * order. Wakes at once when this instance commits rows, and polls for the rest. Sends go
 * through {@link EventPublisher}, on its own threads, never on the R2DBC event loop that
 * delivers the rows.
 */
public class OutboxRelay implements SmartLifecycle {

	private final DatabaseClient db;

	private final TransactionalOperator tx;

	private final EventPublisher publisher;

	private final MessagingProperties.Outbox properties;

	private final Set<String> declaredTopics;

	private final Counter published;

	private final DrainLoop loop;

	private final String take;

	public OutboxRelay(DatabaseClient db, TransactionalOperator tx, EventPublisher publisher,
			MessagingProperties.Outbox properties, TableName table, Set<String> declaredTopics, MeterRegistry meters) {
		this.db = db;
		this.tx = tx;
		this.publisher = publisher;
		this.properties = properties;
		this.declaredTopics = Set.copyOf(declaredTopics);
		this.published = Counter.builder("outbox.published")
			.description("Outbox rows published to Kafka")
			.register(meters);
		this.loop = new DrainLoop("Publishing the outbox", this::drain);
		this.take = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
				+ " ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id, topic, message_key, payload, traceparent";
	}

	/**
	 * Refuses a message for a topic this service did not declare: it would be relayed to
	 * a topic without a layout, or fail at every try.
	 */
	void checkDeclared(String topic) {
		if (!this.declaredTopics.contains(topic)) {
			throw new IllegalStateException("topic " + topic + " is not declared: add messaging.produces." + topic
					+ " (partitions, replicas) to this service's configuration");
		}
	}

	/**
	 * Publishes soon: now, or right after the running drain. Never lost, never blocks.
	 */
	void wake() {
		this.loop.wake();
	}

	/** Publishes one batch; emits how many rows it took. */
	public Mono<Integer> publishBatch() {
		Mono<Published> batch = this.db.sql(this.take)
			.bind(0, this.properties.batchSize())
			.fetch()
			.all()
			// RETURNING keeps no order: sent in the order they were enqueued
			.sort(Comparator.comparingLong((row) -> ((Number) row.get("id")).longValue()))
			.collectList()
			.flatMap((rows) -> {
				List<ProducerRecord<String, byte[]>> records = records(rows);
				Published published = new Published(rows.size(), records.size());
				return records.isEmpty() ? Mono.just(published)
						: this.publisher.sendInOrder(records).thenReturn(published);
			});
		return this.tx.transactional(batch)
			.doOnNext((published) -> this.published.increment(published.records()))
			.map(Published::rows);
	}

	private record Published(int rows, int records) {
	}

	/** The rows' records in order, a packed row's in their order within it. */
	private static List<ProducerRecord<String, byte[]>> records(List<Map<String, Object>> rows) {
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>(rows.size());
		for (Map<String, Object> row : rows) {
			String topic = (String) row.get("topic");
			byte[] payload = Rows.bytes(row.get("payload"));
			if (PackedMessages.TOPIC.equals(topic)) {
				for (OutboxMessage message : PackedMessages.unpack(payload)) {
					records.add(EventPublisher.record(message.topic(), message.key(), message.payload(),
							message.traceparent()));
				}
			}
			else {
				records.add(EventPublisher.record(topic, (String) row.get("message_key"), payload,
						(String) row.get("traceparent")));
			}
		}
		return records;
	}

	/** Publishes batches until one comes back short. */
	private Mono<Integer> drain() {
		return publishBatch().expand((count) -> (count >= this.properties.batchSize()) ? publishBatch() : Mono.empty())
			.reduce(0, Integer::sum);
	}

	@Override
	public void start() {
		this.loop.start(this.properties.pollInterval());
	}

	@Override
	public void stop() {
		this.loop.stop();
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	@Override
	public int getPhase() {
		// after the Kafka producer is usable, stopped before it
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

}
