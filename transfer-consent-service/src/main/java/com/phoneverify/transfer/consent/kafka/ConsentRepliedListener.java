package com.phoneverify.transfer.consent.kafka;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.ConsentReplied;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.messaging.consume.PoisonRecordException;
import com.phoneverify.transfer.consent.ConsentMessages;
import com.phoneverify.transfer.consent.TransferService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Hands each {@code consent-replied} to {@link TransferService#applyReply}: opened (a
 * sealed field no key of ours opens is poison), applied once per event id in one
 * transaction with the id; a second delivery of the same reply under a new event id is
 * stopped by the transfer's state guard.
 */
class ConsentRepliedListener {

	static final String ID = "transfer-consent-replied";

	private final IdempotentConsumer consumer;

	private final TransferService transfers;

	private final Sealer sealer;

	private final ConsentMessages messages;

	ConsentRepliedListener(IdempotentConsumer consumer, TransferService transfers, Sealer sealer,
			ConsentMessages messages) {
		this.consumer = consumer;
		this.transfers = transfers;
		this.sealer = sealer;
		this.messages = messages;
	}

	// idIsGroup = false: the group is messaging.consumes.<topic> (the container
	// factory's), not the id
	@KafkaListener(id = ID, idIsGroup = false, topics = Topics.CONSENT_REPLIED,
			containerFactory = KafkaConfiguration.CONSENT_REPLIED)
	void onConsentReplied(ConsumerRecord<String, byte[]> record) {
		this.consumer.apply(record, EventTopics.CONSENT_REPLIED, this::apply);
		// the result SMS (if any) was committed with the event: relay it now
		this.messages.committed();
	}

	private Mono<Void> apply(EventEnvelope<ConsentReplied> event) {
		ConsentReplied reply = event.payload();
		String sender;
		String text;
		try {
			sender = this.sealer.open(reply.sender(), ConsentReplied.sealingContext(reply.transferId(), "sender"));
			text = this.sealer.open(reply.text(), ConsentReplied.sealingContext(reply.transferId(), "text"));
		}
		catch (Sealer.SealingException ex) {
			throw new PoisonRecordException("consent-replied does not open: " + ex.getMessage());
		}
		return this.transfers.applyReply(reply.transferId(), event.occurredAt(), sender, text);
	}

}
