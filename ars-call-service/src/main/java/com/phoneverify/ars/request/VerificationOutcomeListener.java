package com.phoneverify.ars.request;

import com.phoneverify.ars.call.CallStops;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.VerificationOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * The {@code verification-outcomes} consumer: decodes a record and tells
 * {@link CallStops} that a verification ended; the domain decides whether that stops a
 * call. A record that does not decode is poison: the container's error handler
 * (messaging's {@code DeadLetters}) puts it on {@code verification-outcomes.<group>.dlt}
 * and moves on.
 */
public class VerificationOutcomeListener {

	/** The listener container id. */
	public static final String ID = "ars-verification-outcomes";

	/** Its listener container factory (latest offset, poison dead-lettered). */
	public static final String CONTAINER_FACTORY = "verificationOutcomesContainerFactory";

	private static final Logger log = LoggerFactory.getLogger(VerificationOutcomeListener.class);

	private final EventCodec codec;

	private final CallStops stops;

	public VerificationOutcomeListener(EventCodec codec, CallStops stops) {
		this.codec = codec;
		this.stops = stops;
	}

	@KafkaListener(id = ID, topics = Topics.VERIFICATION_OUTCOMES, containerFactory = CONTAINER_FACTORY)
	public void onRecord(ConsumerRecord<String, byte[]> record) {
		VerificationOutcome outcome = this.codec.decode(record.value(), EventTopics.VERIFICATION_OUTCOMES).payload();
		if (this.stops.verificationEnded(outcome.verificationId(), outcome.product(), outcome.status())) {
			log.info("verification {} {}: its call, if any, stops", outcome.verificationId(),
					outcome.status().wireName());
		}
	}

}
