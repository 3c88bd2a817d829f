package com.phoneverify.gateway.ars;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.Sealers;
import com.phoneverify.gateway.signing.NonceStore;
import com.phoneverify.gateway.signing.SignedRequest;
import com.phoneverify.gateway.verification.Transition;
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
 * The use cases of ARS verifications. Each runs in one transaction that also records the
 * request's nonce (for merchant requests); a move to a final status goes through the
 * shared {@link Verifications}, which adds the {@code verification-outcomes} event and
 * the webhook delivery.
 */
@Service
public class ArsVerificationService {

	private static final Logger log = LoggerFactory.getLogger(ArsVerificationService.class);

	private final ArsVerificationStore store;

	private final NonceStore nonces;

	private final Outbox outbox;

	private final Verifications verifications;

	private final TransactionalOperator tx;

	private final Sealer sealer;

	private final EventCodec codec;

	private final VerificationCodes codes;

	private final Clock clock;

	private final GatewayProperties.Verification limits;

	ArsVerificationService(ArsVerificationStore store, NonceStore nonces, Outbox outbox, Verifications verifications,
			TransactionalOperator tx, @Qualifier(Sealers.EVENTS) Sealer sealer, EventCodec codec, Clock clock,
			GatewayProperties properties) {
		this.store = store;
		this.nonces = nonces;
		this.outbox = outbox;
		this.verifications = verifications;
		this.tx = tx;
		this.sealer = sealer;
		this.codec = codec;
		this.clock = clock;
		this.limits = properties.verification();
		this.codes = new VerificationCodes(this.limits.codePepper());
	}

	/**
	 * Stores a new verification and its {@code auth-requested} event in one transaction,
	 * with other requests' when they arrive together (group commit). Emits the view, with
	 * the code for type C, after the commit.
	 * <p>
	 * Beyond the per-destination limits ({@link DestinationLimits}) the request errors
	 * with {@link DestinationLimitReached} and nothing is stored. The store counts a
	 * batch's numbers in one query before its one insert statement; batches in flight at
	 * once may each pass the count, so a burst can exceed a limit by the requests in
	 * flight (a small race accepted; closing it would need a lock per number).
	 * @param traceparent the request's W3C trace context, kept for all the verification's
	 * events
	 */
	public Mono<ArsVerificationView> create(SignedRequest signed, NewArsVerification request, String traceparent) {
		VerificationId id = VerificationId.random();
		Instant now = now();
		String code = this.codes.newCode(request.codeLength());
		ArsVerification verification = new ArsVerification(id, signed.merchantId(), request.scenario(),
				VerificationStatus.PENDING, null, request.phone().masked(), this.codes.hash(id, code),
				request.codeLength(), 0, request.callbackUrl(), now.plus(request.expiresIn()), now, now, null,
				traceparent);
		SealedValue phone = this.sealer.seal(request.phone().e164(), AuthRequested.sealingContext(id, "phone"));
		SealedValue sealedCode = this.sealer.seal(code, AuthRequested.sealingContext(id, "code"));
		SealedValue challengeKey = (request.scenario() == ArsScenario.B)
				? this.sealer.seal(this.codes.newChallengeKey(), AuthRequested.sealingContext(id, "challenge-key"))
				: null;
		EventEnvelope<AuthRequested> event = EventTopics.AUTH_REQUESTED
			.envelope(new AuthRequested(id, signed.merchantId(), request.scenario(), phone, sealedCode, challengeKey,
					request.codeLength(), verification.expiresAt()), now, traceparent);
		OutboxMessage message = OutboxMessage.of(Topics.AUTH_REQUESTED, event, this.codec);
		byte[] destination = this.codes.destinationHash(request.phone().e164());
		return this.store.storeAccepted(new AcceptedRequest(signed, verification, phone, message, destination))
			.then(Mono.fromSupplier(() -> {
				this.outbox.committed();
				ArsVerificationView view = ArsVerificationView.of(verification, this.limits.maxConfirmAttempts());
				return request.scenario().codeIsReadOut() ? view : view.withCode(code);
			}));
	}

	/** The merchant's verification; empty when there is none (or it is another's). */
	public Mono<ArsVerificationView> find(VerificationId id, MerchantId merchant) {
		return this.store.find(id, merchant)
			.map((verification) -> ArsVerificationView.of(verification, this.limits.maxConfirmAttempts()));
	}

	/**
	 * Checks the code the customer heard (A and B). Emits the verification afterwards and
	 * what was decided; empty when the merchant has no such verification. Nothing is
	 * checked before the call delivered the code ({@code NOT_DELIVERED}), nor once the
	 * merchant used its budget of wrong codes ({@code BUDGET_EXHAUSTED}, whichever
	 * verification they were for); neither uses an attempt. Every wrong code counts
	 * against the budget. Concurrent confirmations of different verifications of a
	 * merchant may each pass the budget check, so it can be exceeded by the requests in
	 * flight at once.
	 */
	public Mono<Confirmation> confirm(SignedRequest signed, VerificationId id, String code) {
		Mono<Confirmation> work = this.nonces.consume(signed)
			.then(this.store.lock(id, signed.merchantId()))
			.flatMap((verification) -> {
				Instant now = now();
				ArsVerification.ConfirmDecision refusal = verification.refusal(now);
				if (refusal != null) {
					return decide(verification, refusal, now);
				}
				return this.store.confirmFailures(signed.merchantId(), now.minus(this.limits.confirmFailureWindow()))
					.flatMap((failures) -> {
						if (failures.longWindow() >= this.limits.confirmFailureBudget()) {
							Instant oldest = (failures.oldestInLongWindow() != null) ? failures.oldestInLongWindow()
									: now;
							return Mono.just(new Confirmation(ArsVerification.ConfirmDecision.BUDGET_EXHAUSTED,
									view(verification), until(oldest.plus(this.limits.confirmFailureWindow()), now)));
						}
						boolean matches = this.codes.matches(id, code, verification.codeHash());
						return decide(verification,
								verification.confirm(matches, now, this.limits.maxConfirmAttempts()), now);
					});
			});
		return this.tx.transactional(work);
	}

	private Mono<Confirmation> decide(ArsVerification verification, ArsVerification.ConfirmDecision decision,
			Instant now) {
		int attempts = verification.attemptsUsed() + 1;
		Mono<ArsVerification> after = switch (decision) {
			case APPROVE -> finish(verification, Transition.to(VerificationStatus.APPROVED), attempts, now);
			case MAX_ATTEMPTS_REACHED -> recordFailure(verification, now)
				.then(finish(verification, Transition.to(VerificationStatus.MAX_ATTEMPTS_REACHED), attempts, now));
			case WRONG_CODE -> recordFailure(verification, now).then(this.store.recordWrongAttempt(verification, now))
				.thenReturn(verification.withAttemptsUsed(attempts, now));
			case EXPIRE ->
				finish(verification, Transition.to(VerificationStatus.EXPIRED), verification.attemptsUsed(), now);
			case NOT_PENDING, NOT_CONFIRMABLE, NOT_DELIVERED, BUDGET_EXHAUSTED -> Mono.just(verification);
		};
		return after.map((changed) -> new Confirmation(decision, view(changed), null));
	}

	private Mono<Void> recordFailure(ArsVerification verification, Instant now) {
		return this.store.recordConfirmFailure(verification.merchantId(), now,
				now.minus(this.limits.confirmFailureWindow()));
	}

	private static Duration until(Instant instant, Instant now) {
		Duration wait = Duration.between(now, instant);
		return wait.isNegative() ? Duration.ZERO : wait;
	}

	/**
	 * Cancels a pending verification. Emits the verification afterwards and whether it
	 * was pending; empty when the merchant has no such verification.
	 */
	public Mono<Cancellation> cancel(SignedRequest signed, VerificationId id) {
		Mono<Cancellation> work = this.nonces.consume(signed)
			.then(this.store.lock(id, signed.merchantId()))
			.flatMap((verification) -> {
				Instant now = now();
				if (verification.status().isFinal()) {
					return Mono.just(new Cancellation(false, view(verification)));
				}
				if (verification.isExpiredAt(now)) {
					return finish(verification, Transition.to(VerificationStatus.EXPIRED), verification.attemptsUsed(),
							now)
						.map((expired) -> new Cancellation(false, view(expired)));
				}
				return finish(verification, Transition.to(VerificationStatus.CANCELED), verification.attemptsUsed(),
						now)
					.map((canceled) -> new Cancellation(true, view(canceled)));
			});
		return this.tx.transactional(work);
	}

	/**
	 * Applies a finished call, in the caller's transaction (the caller deduplicates the
	 * event in the same one). A call for a final verification only updates the call
	 * summary; a call that ended at or after the expiry expires a pending verification.
	 * Pending verifications past their expiry wait for this within the sweeper's grace
	 * period.
	 */
	public Mono<Void> applyCallCompleted(EventEnvelope<CallCompleted> event) {
		CallCompleted completed = event.payload();
		return this.store.lock(completed.verificationId())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> {
				if (found.isEmpty()) {
					// other services place ARS calls too (transfer-consent-service's
					// fallback), over the same topics
					log.info("Ignoring call-completed {}: no verification {} here (another service's call)",
							event.eventId(), completed.verificationId());
					return Mono.empty();
				}
				ArsVerification verification = found.get();
				if (!verification.merchantId().equals(completed.merchantId())) {
					log.warn("Ignoring call-completed {}: it names another merchant than verification {}",
							event.eventId(), verification.id());
					return Mono.empty();
				}
				Instant now = now();
				CallSummary call = new CallSummary(wire(completed.outcome().name()),
						(completed.scenarioResult() != null) ? wire(completed.scenarioResult().name()) : null,
						completed.sipStatus(), completed.timings().ringingMillis(), completed.timings().answerMillis(),
						completed.timings().totalMillis(), event.occurredAt().truncatedTo(ChronoUnit.MICROS));
				Mono<Void> summary = this.store.recordCall(verification.id(), call, now);
				if (verification.status().isFinal()) {
					return summary;
				}
				if (verification.isExpiredAt(event.occurredAt())) {
					// the call ended after the verification expired: it decides nothing
					return summary.then(finish(verification.withCall(call, now),
							Transition.to(VerificationStatus.EXPIRED), verification.attemptsUsed(), now)
						.then());
				}
				return summary.then(
						StatusRules.afterCall(verification.scenario(), completed.outcome(), completed.scenarioResult())
							.map((transition) -> finish(verification.withCall(call, now), transition,
									verification.attemptsUsed(), now)
								.then())
							.orElse(Mono.empty()));
			});
	}

	/**
	 * Moves a verification to a final status with its outcome event and webhook, in the
	 * current transaction; after the commit, counts it and wakes the relays.
	 */
	private Mono<ArsVerification> finish(ArsVerification verification, Transition transition, int attemptsUsed,
			Instant now) {
		Mono<Void> attempts = (attemptsUsed != verification.attemptsUsed())
				? this.store.recordAttempts(verification.id(), attemptsUsed) : Mono.empty();
		return attempts.then(this.verifications.finish(verification.common(), transition, now))
			.thenReturn(verification.finished(transition, attemptsUsed, now));
	}

	private ArsVerificationView view(ArsVerification verification) {
		return ArsVerificationView.of(verification, this.limits.maxConfirmAttempts());
	}

	/**
	 * Whether the merchant's ARS verification {@code id} proves that its customer holds
	 * {@code phone}: approved no longer than {@code maxAge} ago, for the same number
	 * (compared by keyed hash; the number itself is not stored).
	 */
	public Mono<PhoneProof> proofOfPhone(MerchantId merchant, VerificationId id, PhoneNumber phone, Duration maxAge) {
		return this.store.find(id, merchant).flatMap((verification) -> {
			if (verification.status() != VerificationStatus.APPROVED) {
				return Mono.just(PhoneProof.NOT_APPROVED);
			}
			if (verification.updatedAt().isBefore(now().minus(maxAge))) {
				return Mono.just(PhoneProof.TOO_OLD);
			}
			byte[] expected = this.codes.destinationHash(phone.e164());
			return this.store.destinationHash(id, merchant)
				.map((called) -> MessageDigest.isEqual(called, expected) ? PhoneProof.PROVEN : PhoneProof.OTHER_PHONE)
				.defaultIfEmpty(PhoneProof.OTHER_PHONE);
		}).defaultIfEmpty(PhoneProof.UNKNOWN);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String wire(String enumName) {
		return enumName.toLowerCase(Locale.ROOT);
	}

	/**
	 * What {@code /confirm} decided, and the verification afterwards.
	 *
	 * @param retryAfter for {@code BUDGET_EXHAUSTED}, how long until the merchant's
	 * oldest counted wrong code leaves the window; null otherwise
	 */
	public record Confirmation(ArsVerification.ConfirmDecision decision, ArsVerificationView verification,
			@Nullable Duration retryAfter) {
	}

	/** Whether {@code /cancel} canceled, and the verification afterwards. */
	public record Cancellation(boolean canceled, ArsVerificationView verification) {
	}

}
