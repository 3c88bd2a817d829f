package com.phoneverify.sms.intake;

import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.messaging.consume.PoisonRecordException;
import com.phoneverify.sms.outbound.Dispatcher;
import com.phoneverify.sms.outbound.SmsIntake;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code sms-outbound}: decodes, deduplicates by event id and stores the request
 * with its first status in one transaction; a request whose sealed fields no key opens is
 * poison (dead-lettered with the reason). Then wakes the dispatcher.
 */
public class SmsRequestListener {

	/**
	 * The listener container factory (group from
	 * {@code messaging.consumes.sms-outbound}).
	 */
	public static final String CONTAINER_FACTORY = "smsOutboundContainerFactory";

	private final IdempotentConsumer consumer;

	private final SmsIntake intake;

	private final Dispatcher dispatcher;

	public SmsRequestListener(IdempotentConsumer consumer, SmsIntake intake, Dispatcher dispatcher) {
		this.consumer = consumer;
		this.intake = intake;
		this.dispatcher = dispatcher;
	}

	// idIsGroup = false: the group is messaging.consumes.sms-outbound, after which its
	// dead-letter topic is named, not the listener id
	@KafkaListener(id = "sms-outbound", idIsGroup = false, topics = Topics.SMS_OUTBOUND,
			containerFactory = CONTAINER_FACTORY)
	public void onRecord(ConsumerRecord<String, byte[]> record) {
		try {
			this.consumer.apply(record, EventTopics.SMS_OUTBOUND, this.intake::accept);
		}
		catch (Sealer.SealingException ex) {
			throw new PoisonRecordException("a sealed field of the request cannot be opened: " + ex.getMessage(), ex);
		}
		this.intake.committed();
		this.dispatcher.wake();
	}

}
