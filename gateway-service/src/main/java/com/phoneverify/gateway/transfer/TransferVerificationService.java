package com.phoneverify.gateway.transfer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.TransferCancelRequested;
import com.phoneverify.contracts.transfer.TransferCompleted;
import com.phoneverify.contracts.transfer.TransferOtp;
import com.phoneverify.contracts.transfer.TransferRequested;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.Sealers;
import com.phoneverify.gateway.signing.NonceStore;
import com.phoneverify.gateway.signing.SignedRequest;
import com.phoneverify.gateway.verification.Verification;
import com.phoneverify.gateway.verification.Verifications;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The use cases of transfer verifications. A request is stored with its nonce and its
 * {@code transfer-requested} (account numbers, password, phone and terms sealed with the
 * events key ring) in one transaction; the result comes back as
 * {@code transfer-completed} and ends the verification through the shared
 * {@link Verifications} (outcome event and webhook). A cancel is a request to the bank:
 * the hold is released there, and the verification ends when its result comes back.
 */
@Service
public class TransferVerificationService {

	private static final Logger log = LoggerFactory.getLogger(TransferVerificationService.class);

	private final TransferVerificationStore store;

	private final NonceStore nonces;

	private final Outbox outbox;

	private final Verifications verifications;

	private final TransactionalOperator tx;

	private final Sealer sealer;

	private final EventCodec codec;

	private final Clock clock;

	TransferVerificationService(TransferVerificationStore store, NonceStore nonces, Outbox outbox,
			Verifications verifications, TransactionalOperator tx, @Qualifier(Sealers.EVENTS) Sealer sealer,
			EventCodec codec, Clock clock) {
		this.store = store;
		this.nonces = nonces;
		this.outbox = outbox;
		this.verifications = verifications;
		this.tx = tx;
		this.sealer = sealer;
		this.codec = codec;
		this.clock = clock;
	}

	public Mono<TransferVerificationView> create(SignedRequest signed, NewTransfer request, String traceparent) {
		VerificationId id = VerificationId.random();
		Instant now = now();
		Instant expiresAt = now.plus(request.expiresIn());
		Verification verification = new Verification(id, signed.merchantId(), Product.TRANSFER,
				request.mode().name().toLowerCase(java.util.Locale.ROOT), VerificationStatus.PENDING, null,
				request.callbackUrl(), expiresAt, now, now, traceparent);
		TransferDetails details = new TransferDetails(request.amount(), request.toBank(),
				NewTransfer.maskAccount(request.fromAccount()), NewTransfer.maskAccount(request.toAccount()),
				(request.recipientPhone() != null) ? request.recipientPhone().masked() : null, request.purpose(),
				request.repaymentDate(), null, null, null, null, null);
		TransferRequested requested = new TransferRequested(id, signed.merchantId(), request.mode(), request.amount(),
				request.toBank(), seal(id, "fromAccount", request.fromAccount()),
				seal(id, "password", request.password()), seal(id, "toAccount", request.toAccount()),
				(request.recipientPhone() != null) ? seal(id, "recipientPhone", request.recipientPhone().e164()) : null,
				request.purpose(), request.repaymentDate(),
				(request.conditions() != null) ? seal(id, "conditions", request.conditions()) : null,
				request.acceptCloseMatch(), expiresAt, otp(id, request.otp()));
		EventEnvelope<TransferRequested> event = EventTopics.TRANSFER_REQUESTED.envelope(requested, now, traceparent);
		Mono<Void> work = this.nonces.consume(signed)
			.then(this.store.insert(verification, details,
					OutboxMessage.of(Topics.TRANSFER_REQUESTED, event, this.codec)));
		return this.tx.transactional(work).then(Mono.fromSupplier(() -> {
			this.outbox.committed();
			return TransferVerificationView.of(verification, details);
		}));
	}

	private @Nullable TransferOtp otp(VerificationId id, NewTransfer.@Nullable Otp otp) {
		if (otp == null) {
			return null;
		}
		return new TransferOtp(otp.tokenKind(), seal(id, "otp.realNameId", otp.realNameId()),
				seal(id, "otp.code", otp.code()), (otp.pin() != null) ? seal(id, "otp.pin", otp.pin()) : null);
	}

	private SealedValue seal(VerificationId id, String field, String value) {
		return this.sealer.seal(value, TransferRequested.sealingContext(id, field));
	}

	/** The merchant's transfer; empty when there is none (or it is another's). */
	public Mono<TransferVerificationView> find(VerificationId id, MerchantId merchant) {
		return this.store.find(id, merchant)
			.map((stored) -> TransferVerificationView.of(stored.verification(), stored.details()));
	}

	/**
	 * The signed evidence file; empty when there is no such transfer or no evidence yet.
	 */
	public Mono<Optional<String>> evidence(VerificationId id, MerchantId merchant) {
		return this.store.find(id, merchant).map((stored) -> Optional.ofNullable(stored.details().evidence()));
	}

	/**
	 * Asks the bank to cancel a pending transfer. Emits the transfer afterwards and
	 * whether it was pending; empty when the merchant has no such transfer.
	 */
	public Mono<Cancellation> cancel(SignedRequest signed, VerificationId id) {
		Mono<Cancellation> work = this.nonces.consume(signed)
			.then(this.store.lock(id))
			.filter((stored) -> stored.verification().merchantId().equals(signed.merchantId()))
			.flatMap((stored) -> {
				if (stored.verification().status().isFinal()) {
					return Mono.just(new Cancellation(false, view(stored)));
				}
				Instant now = now();
				EventEnvelope<TransferCancelRequested> event = EventTopics.TRANSFER_CANCEL_REQUESTED.envelope(
						new TransferCancelRequested(id, signed.merchantId()), now, stored.verification().traceparent());
				TransferDetails details = stored.details();
				TransferDetails requested = new TransferDetails(details.amount(), details.toBank(),
						details.fromAccountMasked(), details.toAccountMasked(), details.recipientPhoneMasked(),
						details.purpose(), details.repaymentDate(), now, null, null, null, null);
				return this.store
					.cancelRequested(id, now, OutboxMessage.of(Topics.TRANSFER_CANCEL_REQUESTED, event, this.codec))
					.thenReturn(new Cancellation(true, TransferVerificationView.of(stored.verification(), requested)));
			});
		return this.tx.transactional(work).doOnNext((cancellation) -> this.outbox.committed());
	}

	/**
	 * Applies a {@code transfer-completed}, in the caller's transaction (the caller
	 * deduplicates the event in the same one): the details and the evidence are kept; a
	 * pending verification ends in the status the outcome reads as.
	 */
	public Mono<Void> applyCompleted(EventEnvelope<TransferCompleted> event) {
		TransferCompleted completed = event.payload();
		return this.store.lock(completed.verificationId())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> {
				if (found.isEmpty()) {
					log.warn("Ignoring transfer-completed {}: no verification {}", event.eventId(),
							completed.verificationId());
					return Mono.empty();
				}
				Verification verification = found.get().verification();
				if (!verification.merchantId().equals(completed.merchantId())
						|| verification.product() != Product.TRANSFER) {
					log.warn("Ignoring transfer-completed {}: it does not fit verification {}", event.eventId(),
							verification.id());
					return Mono.empty();
				}
				Instant now = now();
				Mono<Void> details = this.store.completed(verification.id(), completed.outcome(), completed.reason(),
						completed.evidence(), now);
				if (verification.status().isFinal()) {
					return details;
				}
				return details.then(this.verifications
					.finish(verification, TransferStatusRules.after(completed.outcome(), completed.reason()), now)
					.then());
			});
	}

	private static TransferVerificationView view(TransferVerificationStore.Stored stored) {
		return TransferVerificationView.of(stored.verification(), stored.details());
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** Whether {@code /cancel} asked the bank, and the transfer afterwards. */
	public record Cancellation(boolean requested, TransferVerificationView transfer) {
	}

}
