package com.phoneverify.gateway.verification;

import java.time.Instant;
import java.util.List;

import com.phoneverify.contracts.VerificationId;
import reactor.core.publisher.Mono;

/**
 * Where the shared read model is kept (the adapter is {@code verification.store}, on
 * PostgreSQL). Writes join the caller's transaction.
 */
public interface VerificationStore {

	/**
	 * Pending verifications of every product whose expiry is at or before {@code now},
	 * oldest first, at most {@code limit}, row-locked; rows another transaction holds are
	 * skipped, so several instances share the work.
	 */
	Mono<List<Verification>> lockExpired(Instant now, int limit);

	/**
	 * Moves a pending verification to a final status; fails if it is no longer pending.
	 */
	Mono<Void> finish(VerificationId id, Transition transition, Instant now);

}
