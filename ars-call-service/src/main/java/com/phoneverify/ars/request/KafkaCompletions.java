package com.phoneverify.ars.request;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.ars.CallCompleted;
import reactor.core.publisher.Mono;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@code call-completed} (key: verification id, value: {@link EventCodec} JSON)
 * with the idempotent producer; the send future is bridged to Reactor.
 */
public final class KafkaCompletions implements Completions {

	private final KafkaTemplate<String, byte[]> kafka;

	private final EventCodec codec;

	public KafkaCompletions(KafkaTemplate<String, byte[]> kafka, EventCodec codec) {
		this.kafka = kafka;
		this.codec = codec;
	}

	@Override
	public Mono<Void> publish(CallCompleted event) {
		return Mono.fromFuture(() -> this.kafka.send(Topics.CALL_COMPLETED, event.key(), this.codec.encode(event)))
			.then();
	}

}
