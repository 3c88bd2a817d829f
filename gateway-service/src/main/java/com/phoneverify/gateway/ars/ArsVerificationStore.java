package com.phoneverify.gateway.ars;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where ARS verifications are kept: the shared verification row and its ARS details (the
 * adapter is {@code ars.store}, on PostgreSQL). Lookups by merchant are tenancy: another
 * merchant's verification is not found. Writes join the caller's transaction.
 */
public interface ArsVerificationStore {

	/**
	 * Stores an accepted request (the nonce, the verification and its
	 * {@code auth-requested} outbox row) in one transaction of its own, possibly with
	 * other requests'; completes once committed.
	 * @return an error {@code signature-replayed} when the nonce was used before,
	 * {@link DestinationLimitReached} when the number is beyond its
	 * {@link DestinationLimits} (nothing stored), or {@code outcome-unknown} when the
	 * commit's answer was lost
	 */
	Mono<Void> storeAccepted(AcceptedRequest request);

	/** The merchant's verification; empty when there is none or it is another's. */
	Mono<ArsVerification> find(VerificationId id, MerchantId merchant);

	/**
	 * The keyed hash ({@code VerificationCodes#destinationHash}) of the number the
	 * merchant's verification called; empty when there is none or it is another's.
	 */
	Mono<byte[]> destinationHash(VerificationId id, MerchantId merchant);

	/** The merchant's verification, row-locked until the transaction ends. */
	Mono<ArsVerification> lock(VerificationId id, MerchantId merchant);

	/** The verification of an event, whichever merchant; row-locked. */
	Mono<ArsVerification> lock(VerificationId id);

	/**
	 * A wrong code, counted only if nobody counted one meanwhile; fails if someone did.
	 */
	Mono<Void> recordWrongAttempt(ArsVerification verification, Instant now);

	/** The confirmations used, as the final status of a verification counts them. */
	Mono<Void> recordAttempts(VerificationId id, int attemptsUsed);

	/** The summary of the verification's call. */
	Mono<Void> recordCall(VerificationId id, CallSummary call, Instant now);

	/**
	 * The wrong codes the merchant sent since {@code since}, over all its verifications.
	 */
	Mono<Usage> confirmFailures(MerchantId merchant, Instant since);

	/**
	 * Counts a wrong code against the merchant's budget (and forgets its failures from
	 * before {@code forgetBefore}).
	 */
	Mono<Void> recordConfirmFailure(MerchantId merchant, Instant now, Instant forgetBefore);

	/**
	 * Counts in two windows that end now, with the oldest instant of each (when the count
	 * will first go down).
	 */
	record Usage(long shortWindow, @Nullable Instant oldestInShortWindow, long longWindow,
			@Nullable Instant oldestInLongWindow) {
	}

}
