package com.phoneverify.transfer.consent.kafka;

import java.time.Clock;
import java.util.Objects;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.transfer.consent.ArsCalls;
import com.phoneverify.transfer.consent.Transfer;
import reactor.core.publisher.Mono;

/**
 * {@link ArsCalls} through the transactional outbox: an {@code auth-requested} of
 * scenario E (consent: 1 agrees, 2 refuses; no code) to the recipient's phone, sealed
 * with the events key ring as ars-call-service opens it (associated data
 * {@code <verificationId>/phone}), until the transfer's consent expiry; and, when the
 * transfer ends first, a {@code verification-outcomes} event that stops that call.
 */
final class OutboxArsCalls implements ArsCalls {

	private final Outbox outbox;

	private final Sealer sealer;

	private final EventCodec codec;

	private final MerchantId serviceMerchant;

	private final Clock clock;

	/**
	 * @param serviceMerchant the merchant the calls of the service's own transfers are
	 * placed for (ars-call-service's channel quota and destination list); a gateway
	 * transfer's call is placed for its merchant
	 */
	OutboxArsCalls(Outbox outbox, Sealer sealer, EventCodec codec, MerchantId serviceMerchant, Clock clock) {
		this.outbox = outbox;
		this.sealer = sealer;
		this.codec = codec;
		this.serviceMerchant = serviceMerchant;
		this.clock = clock;
	}

	@Override
	public Mono<Void> request(Transfer transfer, VerificationId call) {
		MerchantId merchant = merchant(transfer);
		String phone = Objects.requireNonNull(transfer.recipientPhone(), "recipientPhone").e164();
		AuthRequested request = new AuthRequested(call, merchant, ArsScenario.E,
				this.sealer.seal(phone, AuthRequested.sealingContext(call, "phone")), null, null, 0,
				Objects.requireNonNull(transfer.expiresAt(), "expiresAt"));
		OutboxMessage message = OutboxMessage.of(Topics.AUTH_REQUESTED,
				EventTopics.AUTH_REQUESTED.envelope(request, this.clock.instant(), null), this.codec);
		return this.outbox.enqueue(message);
	}

	/**
	 * A {@code verification-outcomes} event saying the call's verification was canceled:
	 * ars-call-service stops the call of an ARS verification that was canceled or
	 * expired, whoever asked for it.
	 */
	@Override
	public Mono<Void> stop(Transfer transfer, VerificationId call) {
		VerificationOutcome canceled = new VerificationOutcome(call, merchant(transfer), Product.ARS,
				VerificationStatus.CANCELED, null);
		return this.outbox.enqueue(OutboxMessage.of(Topics.VERIFICATION_OUTCOMES,
				EventTopics.VERIFICATION_OUTCOMES.envelope(canceled, this.clock.instant(), null), this.codec));
	}

	private MerchantId merchant(Transfer transfer) {
		return (transfer.merchant() != null) ? transfer.merchant() : this.serviceMerchant;
	}

	@Override
	public void committed() {
		this.outbox.committed();
	}

}
