package com.phoneverify.sms.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.messaging.consume.PoisonRecordException;
import com.phoneverify.sms.outbound.Dispatcher;
import com.phoneverify.sms.outbound.OutboundStore;
import com.phoneverify.sms.outbound.SmsIntake;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Consumes {@code sms-outbound} a poll at a time: the requests of the poll are stored
 * with their first status in one transaction, with a few set statements for the whole
 * poll (one commit and a fixed number of round trips per poll, not per message:
 * {@link SmsIntake#acceptAll}). A redelivered request changes nothing because its message
 * id is stored already: no processed-event row is written per request on this path. Those
 * stored claimed by this instance's dispatcher are handed to it after the commit. If that
 * fails, the poll is applied again one record at a time through messaging's
 * {@link IdempotentConsumer}, and the first record that fails is handed to the
 * container's error handler by its index ({@link BatchListenerFailedException}): the
 * records before it are committed, poison (not a valid event, or sealed fields no key
 * opens) goes to the dead-letter topic, any other failure is retried. Then the dispatcher
 * is woken.
 */
public class SmsRequestListener {

	/**
	 * The listener container factory (group from
	 * {@code messaging.consumes.sms-outbound}).
	 */
	public static final String CONTAINER_FACTORY = "smsOutboundContainerFactory";

	private static final Logger log = LoggerFactory.getLogger(SmsRequestListener.class);

	private final IdempotentConsumer consumer;

	private final EventCodec codec;

	private final TransactionalOperator tx;

	private final SmsIntake intake;

	private final Dispatcher dispatcher;

	private final Duration timeout;

	public SmsRequestListener(IdempotentConsumer consumer, EventCodec codec, TransactionalOperator tx, SmsIntake intake,
			Dispatcher dispatcher, Duration timeout) {
		this.consumer = consumer;
		this.codec = codec;
		this.tx = tx;
		this.intake = intake;
		this.dispatcher = dispatcher;
		this.timeout = timeout;
	}

	// idIsGroup = false: the group is messaging.consumes.sms-outbound, after which its
	// dead-letter topic is named, not the listener id
	@KafkaListener(id = "sms-outbound", idIsGroup = false, topics = Topics.SMS_OUTBOUND,
			containerFactory = CONTAINER_FACTORY, batch = "true")
	public void onRecords(List<ConsumerRecord<String, byte[]>> records) {
		try {
			applyTogether(records);
		}
		catch (RuntimeException together) {
			log.info("a poll of {} sms-outbound records failed as a whole ({}); applying them one by one",
					records.size(), together.toString());
			applyOneByOne(records);
		}
		this.intake.committed();
		this.dispatcher.wake();
	}

	private void applyTogether(List<ConsumerRecord<String, byte[]>> records) {
		List<EventEnvelope<SmsRequested>> events = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			events.add(this.codec.decode(record.value(), EventTopics.SMS_OUTBOUND));
		}
		List<EventEnvelope<SmsRequested>> once = new ArrayList<>(events.size());
		java.util.Set<java.util.UUID> taken = new java.util.HashSet<>();
		for (EventEnvelope<SmsRequested> event : events) {
			// an event twice in one poll is applied once; across polls the message id,
			// unique in the store, makes a redelivery change nothing
			if (taken.add(event.eventId())) {
				once.add(event);
			}
		}
		List<OutboundStore.ClaimedMessage> claimed = this.tx
			.transactional(this.intake.acceptAll(once, this.dispatcher.room(), this.dispatcher.owner()))
			.block(this.timeout);
		if (claimed != null) {
			this.dispatcher.dispatch(claimed);
		}
	}

	private void applyOneByOne(List<ConsumerRecord<String, byte[]>> records) {
		for (int i = 0; i < records.size(); i++) {
			try {
				this.consumer.apply(records.get(i), EventTopics.SMS_OUTBOUND, this.intake::accept);
			}
			catch (Sealer.SealingException ex) {
				throw new BatchListenerFailedException("a sealed field of the request cannot be opened",
						new PoisonRecordException("a sealed field of the request cannot be opened: " + ex.getMessage(),
								ex),
						i);
			}
			catch (RuntimeException ex) {
				this.intake.committed();
				throw new BatchListenerFailedException(String.valueOf(ex.getMessage()), ex, i);
			}
		}
	}

}
