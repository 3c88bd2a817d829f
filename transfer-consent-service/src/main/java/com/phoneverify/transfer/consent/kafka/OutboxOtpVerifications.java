package com.phoneverify.transfer.consent.kafka;

import java.math.BigDecimal;
import java.time.Clock;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.otp.OtpRequestId;
import com.phoneverify.contracts.otp.OtpVerificationRequested;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.transfer.consent.OtpInput;
import com.phoneverify.transfer.consent.OtpVerifications;
import com.phoneverify.transfer.consent.Transfer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@link OtpVerifications} through the transactional outbox: an
 * {@code otp-verification-requested} whose code is bound (OCRA) to the transfer's
 * recipient account and amount. The real-name id, the code, the PIN and the recipient
 * account are sealed with the events key ring (associated data
 * {@code <requestId>/<field>}), which otp-service shares.
 */
final class OutboxOtpVerifications implements OtpVerifications {

	private final Outbox outbox;

	private final Sealer sealer;

	private final EventCodec codec;

	private final MerchantId bankMerchant;

	private final Clock clock;

	/**
	 * @param bankMerchant the merchant under which this bank's customers' OTPs are
	 * registered at otp-service (used for the service's own transfers)
	 */
	OutboxOtpVerifications(Outbox outbox, Sealer sealer, EventCodec codec, MerchantId bankMerchant, Clock clock) {
		this.outbox = outbox;
		this.sealer = sealer;
		this.codec = codec;
		this.bankMerchant = bankMerchant;
		this.clock = clock;
	}

	@Override
	public Mono<OtpRequestId> request(Transfer transfer, OtpInput otp) {
		OtpRequestId id = OtpRequestId.random();
		MerchantId merchant = (transfer.merchant() != null) ? transfer.merchant() : this.bankMerchant;
		OtpVerificationRequested request = new OtpVerificationRequested(id, merchant,
				seal(id, "realNameId", otp.realNameId()), otp.tokenKind(), seal(id, "code", otp.code()),
				(otp.pin() != null) ? seal(id, "pin", otp.pin()) : null,
				seal(id, "recipientAccount", transfer.to().value()), BigDecimal.valueOf(transfer.amount()),
				transfer.id());
		OutboxMessage message = OutboxMessage.of(Topics.OTP_VERIFICATION_REQUESTED,
				EventTopics.OTP_VERIFICATION_REQUESTED.envelope(request, this.clock.instant(), null), this.codec);
		return this.outbox.enqueue(message).thenReturn(id);
	}

	private com.phoneverify.contracts.sealed.SealedValue seal(OtpRequestId id, String field, @Nullable String value) {
		return this.sealer.seal(java.util.Objects.requireNonNull(value, field),
				OtpVerificationRequested.sealingContext(id, field));
	}

	@Override
	public void committed() {
		this.outbox.committed();
	}

}
