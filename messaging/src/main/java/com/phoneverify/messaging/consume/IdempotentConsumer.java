package com.phoneverify.messaging.consume;

import java.time.Duration;
import java.util.function.Function;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.EventTopic;
import com.phoneverify.messaging.trace.TraceLogging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Applies each event once: decodes the record (poison when it is not a valid event),
 * records its id and applies it in one database transaction, and skips an id seen before.
 * <p>
 * Called from a {@code @KafkaListener} method on the container's consumer thread, which
 * waits here for the transaction (at most {@code messaging.consumer.handler-timeout}).
 * That thread is Kafka's own, never a Reactor or Netty thread, and waiting is what makes
 * the offset commit follow the transaction and a failure reach the container's error
 * handler ({@link DeadLetters}): with an asynchronous {@code Mono} return, spring-kafka
 * 4.0 logged failures but never dead-lettered them.
 */
public final class IdempotentConsumer {

	private final EventCodec codec;

	private final ProcessedEvents processed;

	private final TransactionalOperator tx;

	private final Duration timeout;

	public IdempotentConsumer(EventCodec codec, ProcessedEvents processed, TransactionalOperator tx, Duration timeout) {
		this.codec = codec;
		this.processed = processed;
		this.tx = tx;
		this.timeout = timeout;
	}

	/**
	 * Applies the record's event unless its id was applied before.
	 * @throws EventCodec.MalformedEventException when the record is not a valid event of
	 * {@code topic} (it is dead-lettered)
	 */
	public <P> void apply(ConsumerRecord<String, byte[]> record, EventTopic<?, P> topic,
			Function<EventEnvelope<P>, Mono<Void>> handler) {
		EventEnvelope<P> event = this.codec.decode(record.value(), topic);
		Mono<Void> once = this.processed.firstDelivery(event.eventId())
			.flatMap((first) -> first ? handler.apply(event) : Mono.empty());
		// the event's trace in the MDC of whichever thread runs the transaction (with
		// spring.reactor.context-propagation=auto), not only of this consumer thread
		this.tx.transactional(once).contextWrite(TraceLogging.context(event.traceparent())).block(this.timeout);
	}

}
