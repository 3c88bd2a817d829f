package com.phoneverify.gateway.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.support.DrainLoop;
import com.phoneverify.gateway.support.Rows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Sends committed outbox rows to Kafka and deletes them, a batch per transaction. Rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED}, so several gateway instances share the
 * work; a failed send rolls the batch back and it is tried again (at least once, so
 * consumers deduplicate by event id). Wakes at once when this instance commits rows, and
 * polls for the rest.
 *
 * <p>
 * {@code KafkaProducer.send} may block its caller (up to {@code max.block.ms}) while it
 * waits for metadata or buffer space, so it is never called on the thread that delivers
 * the rows (an R2DBC event loop) but on the relay's own thread {@code outbox-send}.
 */
@Component
class OutboxRelay implements SmartLifecycle, DisposableBean {

	private final DatabaseClient db;

	private final TransactionalOperator tx;

	private final KafkaTemplate<String, byte[]> kafka;

	private final GatewayProperties.Outbox properties;

	private final Counter published;

	private final DrainLoop loop;

	private final Scheduler sendThread = Schedulers.newSingle("outbox-send", true);

	OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, byte[]> kafka,
			GatewayProperties properties, MeterRegistry meters) {
		this.db = db;
		this.tx = tx;
		this.kafka = kafka;
		this.properties = properties.outbox();
		this.published = Counter.builder("outbox.published")
			.description("Outbox rows published to Kafka")
			.register(meters);
		this.loop = new DrainLoop("Publishing the outbox", this::drain);
	}

	/**
	 * Publishes soon: now, or right after the running drain. Never lost, never blocks.
	 */
	void wake() {
		this.loop.wake();
	}

	/** Publishes one batch; emits how many rows it published. */
	Mono<Integer> publishBatch() {
		Mono<Integer> batch = this.db.sql(
				"SELECT id, topic, message_key, payload FROM gateway.outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED")
			.bind(0, this.properties.batchSize())
			.fetch()
			.all()
			.collectList()
			.flatMap((rows) -> rows.isEmpty() ? Mono.just(0) : send(rows).then(delete(rows)).thenReturn(rows.size()));
		return this.tx.transactional(batch).doOnNext(this.published::increment);
	}

	/**
	 * Hands the rows to the producer in order, on the send thread; completes when all are
	 * acknowledged.
	 */
	private Mono<Void> send(List<Map<String, Object>> rows) {
		return Mono.fromCallable(() -> {
			List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
			for (Map<String, Object> row : rows) {
				acks.add(this.kafka.send((String) row.get("topic"), (String) row.get("message_key"),
						Rows.bytes(row.get("payload"))));
			}
			return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
		}).subscribeOn(this.sendThread).flatMap(Mono::fromFuture);
	}

	private Mono<Void> delete(List<Map<String, Object>> rows) {
		Long[] ids = rows.stream().map((row) -> ((Number) row.get("id")).longValue()).toArray(Long[]::new);
		return this.db.sql("DELETE FROM gateway.outbox WHERE id = ANY($1)").bind(0, ids).then();
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

	/** The send thread outlives stop/start cycles and ends with the context. */
	@Override
	public void destroy() {
		this.sendThread.dispose();
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
