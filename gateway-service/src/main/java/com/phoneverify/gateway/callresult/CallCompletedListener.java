package com.phoneverify.gateway.callresult;

import java.time.Duration;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.EventTopics;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.gateway.verification.VerificationService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The edge between Kafka and the verification feature. The listener waits for its
 * reactive transaction on the consumer thread (a Kafka container thread, never an event
 * loop): the record's offset is committed only after the transaction, and a failure is
 * thrown here, where the container's error handler sees it and retries or dead-letters it
 * ({@link CallResultKafkaConfiguration}). With an async {@code Mono} return, spring-kafka
 * 4.0.6 logged failures but never dead-lettered them.
 */
@Component
class CallCompletedListener {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final EventCodec codec;

	private final VerificationService verifications;

	private final ProcessedEvents processedEvents;

	private final TransactionalOperator tx;

	CallCompletedListener(EventCodec codec, VerificationService verifications, ProcessedEvents processedEvents,
			TransactionalOperator tx) {
		this.codec = codec;
		this.verifications = verifications;
		this.processedEvents = processedEvents;
		this.tx = tx;
	}

	@KafkaListener(id = "gateway-call-completed", topics = Topics.CALL_COMPLETED,
			groupId = "${gateway.kafka.consumer-group:gateway-service}")
	void onCallCompleted(ConsumerRecord<String, byte[]> record) {
		EventEnvelope<CallCompleted> event = this.codec.decode(record.value(), EventTopics.CALL_COMPLETED);
		this.tx
			.transactional(this.processedEvents.firstDelivery(event.eventId())
				.flatMap((first) -> first ? this.verifications.applyCallCompleted(event) : Mono.<Void>empty()))
			.block(TIMEOUT);
	}

}
