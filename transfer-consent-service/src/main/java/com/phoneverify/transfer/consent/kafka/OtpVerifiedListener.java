package com.phoneverify.transfer.consent.kafka;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.otp.OtpVerified;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.transfer.consent.TransferService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Hands each {@code otp-verified} to {@link TransferService#applyOtpAnswer}, once per
 * event id in one transaction with the id; a second answer to the same request is stopped
 * by the transfer's state guard.
 */
class OtpVerifiedListener {

	static final String ID = "transfer-otp-verified";

	private final IdempotentConsumer consumer;

	private final TransferService transfers;

	OtpVerifiedListener(IdempotentConsumer consumer, TransferService transfers) {
		this.consumer = consumer;
		this.transfers = transfers;
	}

	// idIsGroup = false: the group is messaging.consumes.otp-verified
	@KafkaListener(id = ID, idIsGroup = false, topics = Topics.OTP_VERIFIED,
			containerFactory = KafkaConfiguration.OTP_VERIFIED)
	void onOtpVerified(ConsumerRecord<String, byte[]> record) {
		this.consumer.apply(record, EventTopics.OTP_VERIFIED, this::apply);
		// the consent SMS or the result (if any) was committed with the event: relay it
		// now
		this.transfers.committed();
	}

	private Mono<Void> apply(EventEnvelope<OtpVerified> event) {
		OtpVerified answer = event.payload();
		return this.transfers.applyOtpAnswer(answer.requestId(), answer.result(), answer.problem());
	}

}
