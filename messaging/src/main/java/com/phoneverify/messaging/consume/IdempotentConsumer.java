package com.phoneverify.messaging.consume;

import java.time.Duration;
import java.util.function.Function;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.EventTopic;
import com.phoneverify.messaging.trace.TraceLogging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.kafka.support.KafkaUtils;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Applies each event once: decodes the record (poison when it is not a valid event),
 * records its id and applies it in one database transaction, and skips an id seen before.
 * <p>
 * Called from a {@code @KafkaListener} method on the container's consumer thread, which
 * waits here for the transaction (at most {@code messaging.consumer.handler-timeout}).
 * That thread is Kafka's own, never a Reactor or Netty thread, and waiting is what makes
 * the offset commit follow the transaction and a failure reach the container's error
 * handler ({@link DeadLetters}), which retries it: with an asynchronous {@code Mono}
 * return, spring-kafka 4.0 logged failures but never handled them. Poison is the
 * exception: it is dead-lettered on this thread.
 */
public final class IdempotentConsumer {

	private final EventCodec codec;

	private final ProcessedEvents processed;

	private final DeadLetters deadLetters;

	private final TransactionalOperator tx;

	private final Duration timeout;

	public IdempotentConsumer(EventCodec codec, ProcessedEvents processed, DeadLetters deadLetters,
			TransactionalOperator tx, Duration timeout) {
		this.codec = codec;
		this.processed = processed;
		this.deadLetters = deadLetters;
		this.tx = tx;
		this.timeout = timeout;
	}

	/**
	 * Applies the record's event unless its id was applied before. A poison record (not a
	 * valid event of {@code topic}, or one the handler calls poison) is dead-lettered
	 * here and the consumer moves on; any other failure is thrown to the container, which
	 * retries.
	 */
	public <P> void apply(ConsumerRecord<String, byte[]> record, EventTopic<?, P> topic,
			Function<EventEnvelope<P>, Mono<Void>> handler) {
		try {
			applyOnce(record, topic, handler);
		}
		catch (RuntimeException ex) {
			String group = KafkaUtils.getConsumerGroupId();
			if (!DeadLetters.isPoison(ex) || group == null) {
				throw ex;
			}
			// poison is dead-lettered here rather than by the container's error handler,
			// which would seek back the rest of the poll and fetch it again: a poll per
			// poison record, two records a second in a flood of them
			this.deadLetters.publish(record, group, DeadLetters.reason(ex)).block(this.timeout);
		}
	}

	private <P> void applyOnce(ConsumerRecord<String, byte[]> record, EventTopic<?, P> topic,
			Function<EventEnvelope<P>, Mono<Void>> handler) {
		EventEnvelope<P> event = this.codec.decode(record.value(), topic);
		Mono<Void> once = this.processed.firstDelivery(event.eventId())
			.flatMap((first) -> first ? handler.apply(event) : Mono.empty());
		// the event's trace in the MDC of whichever thread runs the transaction (with
		// spring.reactor.context-propagation=auto), not only of this consumer thread
		this.tx.transactional(once).contextWrite(TraceLogging.context(event.traceparent())).block(this.timeout);
	}

}
