package com.phoneverify.messaging.produce;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.messaging.trace.TraceLogging;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes records with the service's producer and completes when the broker has
 * acknowledged them (all in-sync replicas). Only topics the service declared in
 * {@code messaging.produces} (and dead-letter topics) may be published to, so a topic
 * never exists without a declared layout.
 * <p>
 * {@code KafkaProducer.send} may block its caller (up to
 * {@code messaging.producer.max-block}) while it waits for metadata or buffer space, so
 * it is called on a scheduler of its own ({@code kafka-send}), never on an event loop or
 * a call thread. Thread-safe.
 */
public final class EventPublisher {

	private final KafkaTemplate<String, byte[]> kafka;

	private final EventCodec codec;

	private final Scheduler sendThreads;

	private final Set<String> declaredTopics;

	public EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, Scheduler sendThreads,
			Set<String> declaredTopics) {
		this.kafka = kafka;
		this.codec = codec;
		this.sendThreads = sendThreads;
		this.declaredTopics = Set.copyOf(declaredTopics);
	}

	/**
	 * Publishes an event keyed by its {@link EventEnvelope#key()}, with its trace context
	 * in the {@code traceparent} header.
	 */
	public Mono<Void> publish(String topic, EventEnvelope<?> event) {
		return Mono.defer(() -> send(topic, event.key(), this.codec.encode(event), event.traceparent()));
	}

	/** Publishes encoded bytes (an outbox row, a dead letter). */
	public Mono<Void> send(String topic, String key, byte[] value, @Nullable String traceparent) {
		return send(record(topic, key, value, traceparent));
	}

	/** Publishes a record as it is (headers included). */
	public Mono<Void> send(ProducerRecord<String, byte[]> record) {
		return sendInOrder(List.of(record));
	}

	/**
	 * Publishes records in their order (one thread hands them all to the producer, so
	 * records of one key keep their order); completes when all are acknowledged.
	 */
	public Mono<Void> sendInOrder(List<ProducerRecord<String, byte[]>> records) {
		return Mono.fromCallable(() -> {
			records.forEach((record) -> checkDeclared(record.topic()));
			List<CompletableFuture<?>> acks = new ArrayList<>(records.size());
			for (ProducerRecord<String, byte[]> record : records) {
				acks.add(this.kafka.send(record));
			}
			return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
		}).subscribeOn(this.sendThreads).flatMap(Mono::fromFuture);
	}

	/** A record with the trace context in its {@code traceparent} header. */
	public static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value,
			@Nullable String traceparent) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
		TraceLogging.toHeaders(traceparent, record.headers());
		return record;
	}

	/** Disposes the send threads; the template's producer closes with its factory. */
	public void close() {
		this.sendThreads.dispose();
	}

	private void checkDeclared(String topic) {
		if (!this.declaredTopics.contains(topic) && !topic.endsWith(".dlt")) {
			throw new IllegalStateException("topic " + topic + " is not declared: add messaging.produces." + topic
					+ " (partitions, replicas) to this service's configuration");
		}
	}

}
