package com.phoneverify.otp.transfer;

import java.time.Clock;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.otp.OtpRequestId;
import com.phoneverify.contracts.otp.OtpTokenKind;
import com.phoneverify.contracts.otp.OtpVerificationRequested;
import com.phoneverify.contracts.otp.OtpVerificationResult;
import com.phoneverify.contracts.otp.OtpVerified;
import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.messaging.consume.PoisonRecordException;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.CustomerKeys;
import com.phoneverify.otp.token.OtpRefusal;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenVerification;
import com.phoneverify.otp.token.VerificationOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin edge: opens the sealed fields, hands over to {@link TokenVerification}, and
 * enqueues the answer in the same transaction as the event id and the counters. A field
 * no key opens is poison (dead-lettered); every other outcome, refusals included, is an
 * answer.
 */
@Component
class OtpVerificationRequestListener {

	/**
	 * Who the audit trail names for these verifications (with the requesting merchant).
	 */
	static final String ACTOR = "kafka:otp-verification-requested";

	private final IdempotentConsumer consumer;

	private final TokenVerification verification;

	private final CustomerKeys customerKeys;

	private final Sealer sealer;

	private final Outbox outbox;

	private final EventCodec codec;

	private final Clock clock;

	OtpVerificationRequestListener(IdempotentConsumer consumer, TokenVerification verification,
			CustomerKeys customerKeys, TransferVerificationConfiguration.EventSealer sealer, Outbox outbox,
			EventCodec codec, Clock clock) {
		this.consumer = consumer;
		this.verification = verification;
		this.customerKeys = customerKeys;
		this.sealer = sealer.sealer();
		this.outbox = outbox;
		this.codec = codec;
		this.clock = clock;
	}

	@KafkaListener(id = "otp-verification-requested", topics = Topics.OTP_VERIFICATION_REQUESTED,
			containerFactory = TransferVerificationConfiguration.CONTAINER_FACTORY)
	void onRequest(ConsumerRecord<String, byte[]> record) {
		this.consumer.apply(record, EventTopics.OTP_VERIFICATION_REQUESTED, this::answer);
		this.outbox.committed();
	}

	private Mono<Void> answer(EventEnvelope<OtpVerificationRequested> event) {
		OtpVerificationRequested request = event.payload();
		return Mono.defer(() -> verify(request))
			.onErrorResume(OtpRefusal.class,
					(refusal) -> Mono.just(new VerificationOutcome.Refused(refusal.problem(), refusal.getMessage())))
			.map((outcome) -> answerOf(request.requestId(), outcome))
			.flatMap((answer) -> this.outbox.enqueue(OutboxMessage.of(Topics.OTP_VERIFIED,
					EventTopics.OTP_VERIFIED.envelope(answer, this.clock.instant(), event.traceparent()), this.codec)));
	}

	private Mono<VerificationOutcome> verify(OtpVerificationRequested request) {
		OtpRequestId id = request.requestId();
		String customer = this.customerKeys.keyOf(request.merchantId().value(),
				open(request.realNameId(), id, "realNameId"));
		Caller caller = new Caller(request.merchantId().value(), ACTOR, Channel.ONLINE);
		TokenKind kind = (request.tokenKind() == OtpTokenKind.MOBILE) ? TokenKind.MOBILE : TokenKind.HARDWARE;
		String code = open(request.code(), id, "code");
		String pin = (request.pin() != null) ? open(request.pin(), id, "pin") : null;
		if (!request.transferBound()) {
			return this.verification.verify(customer, kind, code, pin, caller);
		}
		String account = open(request.recipientAccount(), id, "recipientAccount");
		return this.verification.verifyTransfer(customer, kind, account, request.amount(), code, pin, caller);
	}

	private String open(@Nullable SealedValue value, OtpRequestId id, String field) {
		try {
			return this.sealer.open(value, OtpVerificationRequested.sealingContext(id, field));
		}
		catch (Sealer.SealingException ex) {
			throw new PoisonRecordException(field + " does not open with the events key ring", ex);
		}
	}

	private static OtpVerified answerOf(OtpRequestId id, VerificationOutcome outcome) {
		if (outcome instanceof VerificationOutcome.Verified) {
			return new OtpVerified(id, OtpVerificationResult.VERIFIED, null, null);
		}
		if (outcome instanceof VerificationOutcome.Rejected rejected) {
			return new OtpVerified(id, OtpVerificationResult.REJECTED, null, rejected.remaining());
		}
		VerificationOutcome.Refused refused = (VerificationOutcome.Refused) outcome;
		return new OtpVerified(id, OtpVerificationResult.REFUSED, refused.problem().type(), null);
	}

}
