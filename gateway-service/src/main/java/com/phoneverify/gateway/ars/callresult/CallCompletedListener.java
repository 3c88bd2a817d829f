package com.phoneverify.gateway.ars.callresult;

import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.gateway.ars.ArsVerificationService;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The edge between {@code call-completed} and the verification feature: each event is
 * applied once, in one transaction with its event id ({@link IdempotentConsumer}); a
 * record that is not a valid event goes to the dead-letter topic with the reason, and
 * anything else is retried (messaging's one rule).
 */
@Component
class CallCompletedListener {

	private final IdempotentConsumer consumer;

	private final ArsVerificationService verifications;

	CallCompletedListener(IdempotentConsumer consumer, ArsVerificationService verifications) {
		this.consumer = consumer;
		this.verifications = verifications;
	}

	@KafkaListener(id = "gateway-call-completed", topics = Topics.CALL_COMPLETED,
			containerFactory = CallResultConfiguration.CONTAINER_FACTORY)
	void onCallCompleted(ConsumerRecord<String, byte[]> record) {
		this.consumer.apply(record, EventTopics.CALL_COMPLETED, this.verifications::applyCallCompleted);
	}

}
