package com.phoneverify.ars.request;

import java.nio.charset.StandardCharsets;

import com.phoneverify.ars.call.CallStops;
import com.phoneverify.contracts.DeadLetters;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventTopics;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.verification.VerificationOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The {@code verification-outcomes} consumer: decodes a record and tells
 * {@link CallStops} that a verification ended; the domain decides whether that stops a
 * call. A record that does not decode is handed to the container's error handler
 * ({@link #deadLettering}), which puts it on {@code verification-outcomes.<group>.dlt}
 * and moves on.
 */
public class VerificationOutcomeListener {

	/** The listener container id. */
	public static final String ID = "ars-verification-outcomes";

	private static final Logger log = LoggerFactory.getLogger(VerificationOutcomeListener.class);

	private final EventCodec codec;

	private final CallStops stops;

	public VerificationOutcomeListener(EventCodec codec, CallStops stops) {
		this.codec = codec;
		this.stops = stops;
	}

	@KafkaListener(id = ID, topics = Topics.VERIFICATION_OUTCOMES,
			groupId = "${ars.outcomes.consumer-group:ars-call-service-outcomes}",
			containerFactory = "arsOutcomesContainerFactory")
	public void onRecord(ConsumerRecord<String, byte[]> record) {
		VerificationOutcome outcome = this.codec.decode(record.value(), EventTopics.VERIFICATION_OUTCOMES).payload();
		if (this.stops.verificationEnded(outcome.verificationId(), outcome.product(), outcome.status())) {
			log.info("verification {} {}: its call, if any, stops", outcome.verificationId(),
					outcome.status().wireName());
		}
	}

	/**
	 * The container's error handler: every failure (in practice a malformed record; the
	 * listener does nothing that could succeed on a retry) goes to the dead-letter topic
	 * at once, with {@code dlt-reason} and {@code dlt-consumer}.
	 */
	public static DefaultErrorHandler deadLettering(KafkaTemplate<String, byte[]> kafka, String consumerGroup) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(Topics.deadLetterOf(record.topic(), consumerGroup), -1));
		recoverer.setHeadersFunction((record, ex) -> {
			String reason = reason(ex);
			log.warn("{}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(), reason);
			RecordHeaders headers = new RecordHeaders();
			headers.add(DeadLetters.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
			headers.add(DeadLetters.CONSUMER_HEADER, consumerGroup.getBytes(StandardCharsets.UTF_8));
			return headers;
		});
		return new DefaultErrorHandler(recoverer, new FixedBackOff(0, 0));
	}

	/**
	 * The message of the innermost cause that has one: what an operator needs to read.
	 */
	static String reason(Throwable ex) {
		String reason = null;
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof EventCodec.MalformedEventException) {
				return cause.getMessage();
			}
			if (cause.getMessage() != null) {
				reason = cause.getMessage();
			}
		}
		return (reason != null) ? reason : ex.getClass().getSimpleName();
	}

}
