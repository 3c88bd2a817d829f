package com.phoneverify.ars.request;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.ars.CallCompleted;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@code call-completed} (key: verification id, value: {@link EventCodec} JSON)
 * with the idempotent producer; the send future is bridged to Reactor.
 * <p>
 * {@code KafkaProducer.send} may block its caller (up to {@code max.block.ms}) while it
 * waits for metadata or buffer space, so it is called on {@code sender}, a scheduler of
 * its own, never on the call scheduler or an R2DBC event loop.
 */
public final class KafkaCompletions implements Completions {

	private final KafkaTemplate<String, byte[]> kafka;

	private final EventCodec codec;

	private final Scheduler sender;

	public KafkaCompletions(KafkaTemplate<String, byte[]> kafka, EventCodec codec, Scheduler sender) {
		this.kafka = kafka;
		this.codec = codec;
		this.sender = sender;
	}

	@Override
	public Mono<Void> publish(EventEnvelope<CallCompleted> event) {
		return Mono.fromFuture(() -> this.kafka.send(Topics.CALL_COMPLETED, event.key(), this.codec.encode(event)))
			.subscribeOn(this.sender)
			.then();
	}

}
