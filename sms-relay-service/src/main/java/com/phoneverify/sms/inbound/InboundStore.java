package com.phoneverify.sms.inbound;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/** What inbound messages need from the database (the caller's transaction). */
public interface InboundStore {

	/**
	 * Records the fingerprint of an MO; false when the same fingerprint was recorded
	 * after {@code seenAfter} (a redelivery).
	 */
	Mono<Boolean> firstSeen(String fingerprint, Instant now, Instant seenAfter, String outcome);

	/**
	 * The latest message sent after {@code sentAfter} to this recipient that asks for a
	 * reply (a consent request); empty when none.
	 */
	Mono<AwaitedReply> awaitedReply(String recipientKey, Instant sentAfter);

	/** A consent request a reply answers. */
	record AwaitedReply(UUID messageId, UUID transferId) {
	}

}
