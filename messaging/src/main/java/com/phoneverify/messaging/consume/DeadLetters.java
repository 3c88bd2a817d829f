package com.phoneverify.messaging.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.messaging.produce.EventPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one rule for a record a listener could not process, and the one dead-letter format.
 * <p>
 * <b>The rule.</b> A record is <em>poison</em> when it is not a valid event of its topic
 * ({@link EventCodec.MalformedEventException}: broken JSON, a missing field, a wrong type
 * or version) or when the listener says so by throwing a {@link PoisonRecordException}.
 * Poison goes to {@code <topic>.<group>.dlt} at once, unchanged, with the headers
 * {@code dlt-reason} (what is wrong, in words) and {@code dlt-consumer} (the group), and
 * the consumer moves on. <em>Anything else</em> (a database failover, a timeout, a bug
 * that throws {@code IllegalArgumentException}) says nothing about the record, so it is
 * retried without limit, with exponential backoff capped at
 * {@code messaging.consumer.retry-max-backoff}: the partition waits, because
 * dead-lettering a valid event would lose it for good.
 */
public final class DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private final KafkaTemplate<String, byte[]> kafka;

	private final EventPublisher publisher;

	private final Duration retryBackoff;

	private final Duration retryMaxBackoff;

	public DeadLetters(KafkaTemplate<String, byte[]> kafka, EventPublisher publisher, Duration retryBackoff,
			Duration retryMaxBackoff) {
		this.kafka = kafka;
		this.publisher = publisher;
		this.retryBackoff = retryBackoff;
		this.retryMaxBackoff = retryMaxBackoff;
	}

	/** Whether a failure makes its record poison (see the class comment). */
	public static boolean isPoison(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof EventCodec.MalformedEventException || cause instanceof PoisonRecordException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What an operator needs to read: the message of the poison cause, else of the
	 * innermost cause that has one.
	 */
	public static String reason(Throwable failure) {
		String reason = null;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if ((cause instanceof EventCodec.MalformedEventException || cause instanceof PoisonRecordException)
					&& cause.getMessage() != null) {
				return cause.getMessage();
			}
			if (cause.getMessage() != null) {
				reason = cause.getMessage();
			}
		}
		return (reason != null) ? reason : failure.getClass().getSimpleName();
	}

	/**
	 * The error handler of a listener container of {@code group}: poison to the
	 * dead-letter topic, everything else retried (the rule above).
	 */
	public DefaultErrorHandler errorHandler(String group) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.kafka,
				(record, ex) -> new TopicPartition(Topics.deadLetterOf(record.topic(), group), -1));
		recoverer.setHeadersFunction((record, ex) -> {
			String reason = reason(ex);
			logDeadLettered(record, reason);
			return headers(reason, group);
		});
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff());
		// replaces spring-kafka's default list: only the rule above decides
		handler.setClassifications(Map.of(), true);
		handler.addNotRetryableExceptions(EventCodec.MalformedEventException.class, PoisonRecordException.class);
		return handler;
	}

	/**
	 * Dead-letters a record from a listener that acknowledges by itself (it never throws
	 * to its container). Completes once the broker has the letter.
	 */
	public Mono<Void> publish(ConsumerRecord<String, byte[]> record, String group, String reason) {
		return Mono.defer(() -> {
			logDeadLettered(record, reason);
			ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.deadLetterOf(record.topic(), group),
					null, record.key(), record.value(), headers(reason, group));
			return this.publisher.send(letter);
		});
	}

	/** Exponential, capped, and never giving up. */
	private ExponentialBackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.retryBackoff.toMillis(), 2.0);
		backOff.setMaxInterval(this.retryMaxBackoff.toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Long.MAX_VALUE);
		return backOff;
	}

	private static RecordHeaders headers(String reason, String group) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(com.phoneverify.contracts.DeadLetters.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
		headers.add(com.phoneverify.contracts.DeadLetters.CONSUMER_HEADER, group.getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	private static void logDeadLettered(ConsumerRecord<?, ?> record, @Nullable String reason) {
		// the reason names fields, never their values (EventCodec and listeners see to
		// it)
		log.warn("{}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(), reason);
	}

}
