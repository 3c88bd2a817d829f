package com.phoneverify.transfer.consent.kafka;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.contracts.sms.SmsStatusChanged;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.transfer.consent.ConsentMessages;
import com.phoneverify.transfer.consent.TransferService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps the delivery status of our messages ({@code sms-status}; statuses of other
 * services' messages change nothing). A consent SMS that failed or expired fails its
 * transfer and releases the hold: the recipient can never answer it.
 */
class SmsStatusListener {

	static final String ID = "transfer-sms-status";

	private final IdempotentConsumer consumer;

	private final TransferService transfers;

	private final ConsentMessages messages;

	SmsStatusListener(IdempotentConsumer consumer, TransferService transfers, ConsentMessages messages) {
		this.consumer = consumer;
		this.transfers = transfers;
		this.messages = messages;
	}

	// idIsGroup = false: the group is messaging.consumes.<topic> (the container
	// factory's), not the id
	@KafkaListener(id = ID, idIsGroup = false, topics = Topics.SMS_STATUS,
			containerFactory = KafkaConfiguration.SMS_STATUS)
	void onSmsStatus(ConsumerRecord<String, byte[]> record) {
		this.consumer.apply(record, EventTopics.SMS_STATUS, this::apply);
		this.messages.committed();
	}

	private Mono<Void> apply(EventEnvelope<SmsStatusChanged> event) {
		SmsStatusChanged status = event.payload();
		String name = status.status().name().toLowerCase(java.util.Locale.ROOT);
		if (status.status() == SmsDeliveryStatus.FAILED || status.status() == SmsDeliveryStatus.EXPIRED) {
			return this.transfers.consentUndeliverable(status.messageId(), name);
		}
		return this.transfers.smsStatus(status.messageId(), name);
	}

}
