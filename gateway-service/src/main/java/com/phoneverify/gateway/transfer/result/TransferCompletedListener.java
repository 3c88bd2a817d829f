package com.phoneverify.gateway.transfer.result;

import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.gateway.transfer.TransferVerificationService;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Each {@code transfer-completed} applied once, in one transaction with its event id
 * ({@link IdempotentConsumer}); poison to the dead-letter topic, anything else retried.
 */
@Component
class TransferCompletedListener {

	private final IdempotentConsumer consumer;

	private final TransferVerificationService transfers;

	TransferCompletedListener(IdempotentConsumer consumer, TransferVerificationService transfers) {
		this.consumer = consumer;
		this.transfers = transfers;
	}

	// idIsGroup = false: the group is messaging.consumes.<topic> (the container
	// factory's), not the id
	@KafkaListener(id = "gateway-transfer-completed", idIsGroup = false, topics = Topics.TRANSFER_COMPLETED,
			containerFactory = TransferResultConfiguration.CONTAINER_FACTORY)
	void onTransferCompleted(ConsumerRecord<String, byte[]> record) {
		this.consumer.apply(record, EventTopics.TRANSFER_COMPLETED, this.transfers::applyCompleted);
	}

}
