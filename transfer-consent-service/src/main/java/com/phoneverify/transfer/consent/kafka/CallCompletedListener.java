package com.phoneverify.transfer.consent.kafka;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.transfer.consent.TransferService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Hands each {@code call-completed} to {@link TransferService#applyCallCompleted}, once
 * per event id in one transaction with the id. The topic carries every ARS call (the
 * gateway's too): the service applies those of its own ARS fallback and ignores the rest.
 */
class CallCompletedListener {

	static final String ID = "transfer-call-completed";

	private final IdempotentConsumer consumer;

	private final TransferService transfers;

	CallCompletedListener(IdempotentConsumer consumer, TransferService transfers) {
		this.consumer = consumer;
		this.transfers = transfers;
	}

	// idIsGroup = false: the group is messaging.consumes.call-completed
	@KafkaListener(id = ID, idIsGroup = false, topics = Topics.CALL_COMPLETED,
			containerFactory = KafkaConfiguration.CALL_COMPLETED)
	void onCallCompleted(ConsumerRecord<String, byte[]> record) {
		this.consumer.apply(record, EventTopics.CALL_COMPLETED, this::apply);
		// the result SMS and transfer-completed (if any) were committed with the event
		this.transfers.committed();
	}

	private Mono<Void> apply(EventEnvelope<CallCompleted> event) {
		CallCompleted call = event.payload();
		return this.transfers.applyCallCompleted(call.verificationId(), call.outcome(), call.scenarioResult(),
				call.sipStatus(), call.timings(), event.occurredAt());
	}

}
