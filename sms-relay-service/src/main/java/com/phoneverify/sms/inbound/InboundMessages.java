package com.phoneverify.sms.inbound;

import java.time.Clock;
import java.time.Duration;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsReceived;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.ConsentReplied;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.sms.recipient.RecipientKeys;
import com.phoneverify.sms.smsc.MobileMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Relays an MO once: deduplicated by its fingerprint, matched to the consent request it
 * answers (when written to the 2-WAY number from that request's recipient), and put in
 * the outbox in the same transaction, sender and text sealed. The relay only relays:
 * transfer-consent-service checks the code and the expiry.
 */
public final class InboundMessages {

	private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);

	/** Inside the transaction, so that a slow one is rolled back, not left open. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final InboundStore store;

	private final Outbox outbox;

	private final EventCodec codec;

	private final TransactionalOperator tx;

	private final Sealer sealer;

	private final RecipientKeys recipients;

	private final Clock clock;

	private final @Nullable String twoWayNumber;

	private final Duration replyWindow;

	private final Duration duplicateWindow;

	private final int maxTextLength;

	public InboundMessages(InboundStore store, Outbox outbox, EventCodec codec, TransactionalOperator tx, Sealer sealer,
			RecipientKeys recipients, Clock clock, @Nullable String twoWayNumber, Duration replyWindow,
			Duration duplicateWindow, int maxTextLength) {
		this.store = store;
		this.outbox = outbox;
		this.codec = codec;
		this.tx = tx;
		this.sealer = sealer;
		this.recipients = recipients;
		this.clock = clock;
		this.twoWayNumber = twoWayNumber;
		this.replyWindow = replyWindow;
		this.duplicateWindow = duplicateWindow;
		this.maxTextLength = maxTextLength;
	}

	public Mono<Void> receive(MobileMessage message) {
		PhoneNumber sender = senderOf(message.source());
		String text = (message.text().length() > this.maxTextLength) ? message.text().substring(0, this.maxTextLength)
				: message.text();
		Mono<AnswerOrNot> route = (sender != null && message.destination().equals(this.twoWayNumber))
				? this.store.awaitedReply(this.recipients.of(sender), message.receivedAt().minus(this.replyWindow))
					.map(AnswerOrNot::answer)
					.defaultIfEmpty(AnswerOrNot.NONE)
				: Mono.just(AnswerOrNot.NONE);
		Mono<Void> work = route.flatMap((answer) -> this.store
			.firstSeen(message.fingerprint(), message.receivedAt(), message.receivedAt().minus(this.duplicateWindow),
					(answer.reply() != null) ? "consent-replied" : "sms-inbound")
			.flatMap((first) -> {
				if (!first) {
					log.info("MO {} delivered again by the SMSC: relayed once", message.fingerprint());
					return Mono.empty();
				}
				String senderText = (sender != null) ? sender.e164() : message.source();
				return (answer.reply() != null) ? consentReplied(answer.reply(), senderText, text, message)
						: received(senderText, text, message);
			}));
		return this.tx.transactional(work.timeout(TIMEOUT)).doOnSuccess((done) -> this.outbox.committed());
	}

	private Mono<Void> consentReplied(InboundStore.AwaitedReply reply, String sender, String text,
			MobileMessage message) {
		TransferId transfer = new TransferId(reply.transferId());
		ConsentReplied payload = new ConsentReplied(transfer, new SmsMessageId(reply.messageId()),
				this.sealer.seal(sender, ConsentReplied.sealingContext(transfer, "sender")),
				this.sealer.seal(text, ConsentReplied.sealingContext(transfer, "text")));
		log.info("MO from {} answers consent request {} (transfer {})", PhoneNumber.mask(sender), reply.messageId(),
				transfer);
		return this.outbox.enqueue(OutboxMessage.of(Topics.CONSENT_REPLIED,
				EventTopics.CONSENT_REPLIED.envelope(payload, message.receivedAt(), null), this.codec));
	}

	private Mono<Void> received(String sender, String text, MobileMessage message) {
		SmsMessageId id = SmsMessageId.random();
		String serviceNumber = message.destination().replaceAll("\\D", "");
		SmsReceived payload = new SmsReceived(id, serviceNumber.isEmpty() ? "0" : serviceNumber,
				this.sealer.seal(sender, SmsReceived.sealingContext(id, "sender")),
				this.sealer.seal(text, SmsReceived.sealingContext(id, "text")));
		log.info("MO {} from {} to {} relayed on sms-inbound", id, PhoneNumber.mask(sender), payload.serviceNumber());
		return this.outbox.enqueue(OutboxMessage.of(Topics.SMS_INBOUND,
				EventTopics.SMS_INBOUND.envelope(payload, message.receivedAt(), null), this.codec));
	}

	/** The phone the MO came from, when it is a number we understand. */
	static @Nullable PhoneNumber senderOf(String source) {
		String digits = source.replaceAll("[^0-9+]", "");
		try {
			return PhoneNumber.parse(digits.startsWith("82") ? "+" + digits : digits);
		}
		catch (PhoneNumber.InvalidPhoneNumberException ex) {
			return null;
		}
	}

	private record AnswerOrNot(InboundStore.@Nullable AwaitedReply reply) {

		static final AnswerOrNot NONE = new AnswerOrNot(null);

		static AnswerOrNot answer(InboundStore.AwaitedReply reply) {
			return new AnswerOrNot(reply);
		}

	}

}
