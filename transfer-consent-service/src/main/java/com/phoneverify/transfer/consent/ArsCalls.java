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

	/**
	 * Tells ars-call-service, in the caller's transaction, that the call is no longer
	 * wanted: the transfer ended otherwise (the SMS reply, its expiry, a cancel) before
	 * the call did. A call still waiting for a channel is then never dialled, a ringing
	 * one is canceled and an answered one hung up; its {@code call-completed} still comes
	 * back and is recorded as after the end.
	 */
	Mono<Void> stop(Transfer transfer, VerificationId call);

	/** Tells the relay that requests were committed (call after the commit). */
	void committed();

}
