package com.phoneverify.transfer.consent.sms;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.transfer.consent.ConsentMessages;
import reactor.core.publisher.Mono;

/**
 * {@link ConsentMessages} through the transactional outbox: the number and the text are
 * sealed with the events key ring (associated data {@code <messageId>/to} and
 * {@code <messageId>/text}); an SMS when the text fits 90 bytes in EUC-KR, an LMS
 * otherwise.
 */
final class OutboxConsentMessages implements ConsentMessages {

	private static final int SMS_BYTES = 90;

	private static final Charset EUC_KR = Charset.forName("EUC-KR");

	private final Outbox outbox;

	private final Sealer sealer;

	private final EventCodec codec;

	private final String senderNumber;

	private final Clock clock;

	OutboxConsentMessages(Outbox outbox, Sealer sealer, EventCodec codec, String senderNumber, Clock clock) {
		this.outbox = outbox;
		this.sealer = sealer;
		this.codec = codec;
		this.senderNumber = senderNumber;
		this.clock = clock;
	}

	@Override
	public Mono<SmsMessageId> send(PhoneNumber to, String text, TransferId transfer, boolean expectsReply,
			Instant expiresAt) {
		SmsMessageId id = SmsMessageId.random();
		SmsRequested request = new SmsRequested(id, kind(text), this.senderNumber,
				this.sealer.seal(to.e164(), SmsRequested.sealingContext(id, "to")),
				this.sealer.seal(text, SmsRequested.sealingContext(id, "text")), expectsReply ? transfer : null,
				expiresAt);
		OutboxMessage message = OutboxMessage.of(Topics.SMS_OUTBOUND,
				EventTopics.SMS_OUTBOUND.envelope(request, this.clock.instant(), null), this.codec);
		return this.outbox.enqueue(message).thenReturn(id);
	}

	static SmsKind kind(String text) {
		return (text.getBytes(EUC_KR).length <= SMS_BYTES) ? SmsKind.SMS : SmsKind.LMS;
	}

	@Override
	public void committed() {
		this.outbox.committed();
	}

}
