package com.phoneverify.transfer.consent;

import com.phoneverify.contracts.VerificationId;
import reactor.core.publisher.Mono;

/**
 * Asks ars-call-service, in the caller's transaction, to call a transfer's recipient for
 * consent (scenario E: 1 agrees, 2 refuses) until the transfer's consent expiry; the
 * result comes back to {@link TransferService#applyCallCompleted}.
 */
public interface ArsCalls {

	/**
	 * @param call the verification id the call is asked for under, and its result will
	 * carry
	 */
	Mono<Void> request(Transfer transfer, VerificationId call);

	/** Tells the relay that requests were committed (call after the commit). */
	void committed();

}
