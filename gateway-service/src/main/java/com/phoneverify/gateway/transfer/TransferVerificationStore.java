package com.phoneverify.gateway.transfer;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.transfer.TransferOutcome;
import com.phoneverify.gateway.verification.Verification;
import com.phoneverify.messaging.outbox.OutboxMessage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where transfer verifications are kept ({@code transfer.store}). Writes join the
 * caller's transaction.
 */
public interface TransferVerificationStore {

	/** A verification with its details. */
	record Stored(Verification verification, TransferDetails details) {
	}

	/** Inserts the verification, its details and the request's outbox row. */
	Mono<Void> insert(Verification verification, TransferDetails details, OutboxMessage request);

	/** The merchant's transfer, or empty (none, or another merchant's). */
	Mono<Stored> find(VerificationId id, MerchantId merchant);

	/** The transfer, row-locked, whoever's it is; or empty. */
	Mono<Stored> lock(VerificationId id);

	/** Records the merchant's cancel and its outbox row. */
	Mono<Void> cancelRequested(VerificationId id, Instant now, OutboxMessage cancel);

	/** Records how transfer-consent-service ended it. */
	Mono<Void> completed(VerificationId id, TransferOutcome outcome, @Nullable String reason, @Nullable String evidence,
			Instant now);

}
