package com.phoneverify.sms.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.sms.recipient.RecipientKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Takes a request from {@code sms-outbound} into the store, in the consumer's
 * transaction: queued when its sender is registered, its recipient under the limits and
 * it has not expired; otherwise stored as failed (or expired) with the reason. Either way
 * its first status goes on {@code sms-status} in the same transaction.
 */
public final class SmsIntake {

	/** Error codes of requests refused here (not SMPP statuses). */
	public static final String SENDER_NOT_REGISTERED = "sender-not-registered";

	public static final String RECIPIENT_LIMIT = "recipient-limit";

	public static final String BAD_NUMBER = "bad-number";

	public static final String TOO_LONG = "too-long";

	private static final Logger log = LoggerFactory.getLogger(SmsIntake.class);

	private final OutboundStore store;

	private final StatusEvents events;

	private final Sealer sealer;

	private final RecipientKeys recipients;

	private final Clock clock;

	private final int perHour;

	private final int perDay;

	public SmsIntake(OutboundStore store, StatusEvents events, Sealer sealer, RecipientKeys recipients, Clock clock,
			int perHour, int perDay) {
		this.store = store;
		this.events = events;
		this.sealer = sealer;
		this.recipients = recipients;
		this.clock = clock;
		this.perHour = perHour;
		this.perDay = perDay;
	}

	/** Applies one request; called by the idempotent consumer inside its transaction. */
	public Mono<Void> accept(EventEnvelope<SmsRequested> event) {
		SmsRequested request = event.payload();
		Instant now = this.clock.instant();
		PhoneNumber to;
		try {
			to = PhoneNumber
				.parse(this.sealer.open(request.to(), SmsRequested.sealingContext(request.messageId(), "to")));
		}
		catch (PhoneNumber.InvalidPhoneNumberException ex) {
			return store(event, "-", SmsDeliveryStatus.FAILED, BAD_NUMBER, now);
		}
		String recipientKey = this.recipients.of(to);
		return this.store.isRegisteredSender(request.senderNumber()).flatMap((registered) -> {
			if (!registered) {
				log.warn("sms {} refused: sender number {} is not registered", request.messageId(),
						request.senderNumber());
				return store(event, recipientKey, SmsDeliveryStatus.FAILED, SENDER_NOT_REGISTERED, now);
			}
			if (!request.expiresAt().isAfter(now)) {
				return store(event, recipientKey, SmsDeliveryStatus.EXPIRED, null, now);
			}
			return this.store.lockRecipient(recipientKey)
				.then(Mono.zip(this.store.countSince(recipientKey, now.minus(Duration.ofHours(1))),
						this.store.countSince(recipientKey, now.minus(Duration.ofDays(1)))))
				.flatMap((counts) -> {
					if (counts.getT1() >= this.perHour || counts.getT2() >= this.perDay) {
						log.warn("sms {} refused: recipient {} is over its limit", request.messageId(), to);
						return store(event, recipientKey, SmsDeliveryStatus.FAILED, RECIPIENT_LIMIT, now);
					}
					return store(event, recipientKey, SmsDeliveryStatus.QUEUED, null, now);
				});
		});
	}

	private Mono<Void> store(EventEnvelope<SmsRequested> event, String recipientKey, SmsDeliveryStatus status,
			@Nullable String errorCode, Instant now) {
		SmsRequested request = event.payload();
		OutboundStore.NewMessage message = new OutboundStore.NewMessage(request.messageId().value(),
				request.senderNumber(), recipientKey, StoredSeal.write(request.to()), StoredSeal.write(request.text()),
				(request.replyFor() != null) ? request.replyFor().value() : null, status, errorCode,
				request.expiresAt(), event.traceparent(), now);
		return this.store.insert(message)
			.flatMap((inserted) -> inserted
					? this.events
						.enqueue(new OutboundStore.StatusChange(message.id(), status, errorCode, event.traceparent()))
					: Mono.empty());
	}

	/** After the consumer's transaction committed: relay the status now. */
	public void committed() {
		this.events.committed();
	}

}
