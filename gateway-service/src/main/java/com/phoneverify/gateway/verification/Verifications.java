package com.phoneverify.gateway.verification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.webhook.WebhookDeliveries;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What every product does with its verifications alike: a move to a final status, with
 * its {@code verification-outcomes} event and its webhook in the same transaction, and
 * the expiry of what nobody finished. Products decide <em>when</em> a verification ends;
 * this decides what ending means.
 */
@Service
public class Verifications {

	private final VerificationStore store;

	private final Outbox outbox;

	private final WebhookDeliveries webhooks;

	private final TransactionalOperator tx;

	private final EventCodec codec;

	private final Clock clock;

	private final MeterRegistry meters;

	private final GatewayProperties.Verification limits;

	Verifications(VerificationStore store, Outbox outbox, WebhookDeliveries webhooks, TransactionalOperator tx,
			EventCodec codec, Clock clock, MeterRegistry meters, GatewayProperties properties) {
		this.store = store;
		this.outbox = outbox;
		this.webhooks = webhooks;
		this.tx = tx;
		this.codec = codec;
		this.clock = clock;
		this.meters = meters;
		this.limits = properties.verification();
	}

	/**
	 * Moves a pending verification, row-locked by the caller, to a final status in the
	 * caller's transaction, with its outcome event and webhook; after the commit, counts
	 * it and wakes the relays. Fails if it is no longer pending.
	 */
	public Mono<Verification> finish(Verification verification, Transition transition, Instant now) {
		EventEnvelope<VerificationOutcome> outcome = EventTopics.VERIFICATION_OUTCOMES
			.envelope(new VerificationOutcome(verification.id(), verification.merchantId(), verification.product(),
					transition.status(), transition.reason()), now, verification.traceparent());
		Mono<Void> webhook = (verification.callbackUrl() != null)
				? this.webhooks.schedule(outcome, verification.kind(), verification.callbackUrl()) : Mono.empty();
		return this.store.finish(verification.id(), transition, now)
			.then(this.outbox.enqueue(OutboxMessage.of(Topics.VERIFICATION_OUTCOMES, outcome, this.codec)))
			.then(webhook)
			.then(afterCommit(() -> {
				this.meters
					.counter("verification.outcomes", "product", verification.product().name().toLowerCase(Locale.ROOT),
							"outcome", transition.status().wireName())
					.increment();
				this.outbox.committed();
				this.webhooks.committed();
			}))
			.thenReturn(verification.finished(transition, now));
	}

	/**
	 * Expires up to one batch of pending verifications, of every product, whose expiry is
	 * more than the grace period ago; emits how many. Within the grace period a late
	 * result (a {@code call-completed} for a call that ended in time) still decides the
	 * verification.
	 */
	Mono<Long> expireDue() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		return this.tx
			.transactional(this.store.lockExpired(now.minus(this.limits.expiryGrace()), this.limits.sweepBatchSize())
				.flatMapMany(Flux::fromIterable)
				.concatMap((verification) -> finish(verification, Transition.to(VerificationStatus.EXPIRED), now))
				.count());
	}

	private static Mono<Void> afterCommit(Runnable action) {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.doOnNext((manager) -> manager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public Mono<Void> afterCommit() {
					return Mono.fromRunnable(action);
				}
			}))
			.then();
	}

}
