package com.phoneverify.transfer.consent;

import com.phoneverify.contracts.otp.OtpRequestId;
import reactor.core.publisher.Mono;

/**
 * Asks the OTP verifier (otp-service) whether the remitter's code is right for this
 * transfer's recipient account and amount, in the caller's transaction; the answer comes
 * back later to {@link TransferService#applyOtpAnswer}.
 */
public interface OtpVerifications {

	/**
	 * @return the id the answer will carry
	 */
	Mono<OtpRequestId> request(Transfer transfer, OtpInput otp);

	/** Tells the relay that requests were committed (call after the commit). */
	void committed();

}
