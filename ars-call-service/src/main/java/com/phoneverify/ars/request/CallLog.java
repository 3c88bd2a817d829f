package com.phoneverify.ars.request;

import java.time.Instant;
import java.util.UUID;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallCompleted;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable record of every request this service took, one per verification: the intake
 * (a request is recorded before its Kafka record is acknowledged), the dedupe key (by
 * verification id, and by event id), and the outbox of its {@code call-completed}. A call
 * moves {@code received → dialing → ended → published}; a request that is never dialled
 * moves {@code received → ended}. Only the first {@link #ended} of a call wins, so at
 * most one {@code call-completed} exists per verification (a re-publication carries the
 * same event id).
 */
public interface CallLog {

	/**
	 * Records a request, or tells what is known about its verification already.
	 */
	Mono<Known> receive(UUID eventId, VerificationId verificationId, MerchantId merchantId,
			@Nullable String traceparent, Instant expiresAt);

	/**
	 * {@code received → dialing}, owned by this instance.
	 * @return false when the call is not {@code received} any more (another instance took
	 * it, or it ended): do not dial
	 */
	Mono<Boolean> claim(VerificationId verificationId);

	/**
	 * {@code received} or {@code dialing → ended}, with the event to publish.
	 * @return false when the call had ended already (then publish nothing)
	 */
	Mono<Boolean> ended(EventEnvelope<CallCompleted> event);

	/** {@code ended → published}: the broker has the event. */
	Mono<Void> published(VerificationId verificationId);

	/** This instance is alive: its {@code dialing} calls are not orphans. */
	Mono<Void> heartbeat();

	/**
	 * Calls that were {@code dialing} on an instance that stopped: no heartbeat since
	 * {@code staleBefore}, and a verification that expired before {@code expiredBefore}.
	 * Silence alone does not make an orphan: an instance in a long GC pause, or cut off
	 * from the database, still runs its calls; only once no live call could still run
	 * (expiry plus the longest hang-up) is the call certainly over.
	 */
	Flux<Orphan> orphans(Instant staleBefore, Instant expiredBefore);

	/**
	 * Ends an orphan, unless its instance came back meanwhile.
	 * @return false when it is not an orphan any more
	 */
	Mono<Boolean> endOrphan(EventEnvelope<CallCompleted> event, Instant staleBefore, Instant expiredBefore);

	/**
	 * Events of calls that ended before {@code endedBefore} and were never published (the
	 * instance stopped in between).
	 */
	Flux<EventEnvelope<CallCompleted>> unpublished(Instant endedBefore);

	/** The state of a verification's call when its request arrives. */
	enum State {

		/** First seen now. */
		NEW,
		/** Seen before, never dialled. */
		RECEIVED,
		/** Being called, here or on another instance (or orphaned). */
		DIALING,
		/** Over; its event is not yet on the topic. */
		ENDED,
		/** Over and published. */
		PUBLISHED

	}

	/**
	 * @param event the event to publish, for {@link State#ENDED}
	 */
	record Known(State state, @Nullable EventEnvelope<CallCompleted> event) {
	}

	/** A call whose instance stopped while it was dialing. */
	record Orphan(VerificationId verificationId, MerchantId merchantId, @Nullable String traceparent) {
	}

}
