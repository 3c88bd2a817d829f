package com.phoneverify.sms.outbound;

import java.time.Clock;
import java.util.List;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.contracts.sms.SmsStatusChanged;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import reactor.core.publisher.Mono;

/** Puts {@code sms-status} events in the outbox, in the caller's transaction. */
public final class StatusEvents {

	private final Outbox outbox;

	private final EventCodec codec;

	private final Clock clock;

	public StatusEvents(Outbox outbox, EventCodec codec, Clock clock) {
		this.outbox = outbox;
		this.codec = codec;
		this.clock = clock;
	}

	Mono<Void> enqueue(OutboundStore.StatusChange change) {
		return this.outbox.enqueue(message(change));
	}

	/** Many status events in one statement, in the list's order. */
	Mono<Void> enqueueAll(List<OutboundStore.StatusChange> changes) {
		return this.outbox.enqueueAll(changes.stream().map(this::message).toList());
	}

	private OutboxMessage message(OutboundStore.StatusChange change) {
		String error = (change.status() == SmsDeliveryStatus.FAILED) ? change.errorCode() : null;
		SmsStatusChanged payload = new SmsStatusChanged(new SmsMessageId(change.messageId()), change.status(), error);
		return OutboxMessage.of(Topics.SMS_STATUS,
				EventTopics.SMS_STATUS.envelope(payload, this.clock.instant(), change.traceparent()), this.codec);
	}

	/** Tells the relay that rows were committed. */
	void committed() {
		this.outbox.committed();
	}

}
