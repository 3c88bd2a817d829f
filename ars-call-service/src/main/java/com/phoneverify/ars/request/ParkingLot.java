package com.phoneverify.ars.request;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Requests parked in the call log: a merchant's requests beyond what this instance holds
 * in memory for it wait here (durably, as their sealed record), so the consumer keeps
 * reading other merchants' requests. A parked request is a call-log row in state
 * {@code received} with its record; taking it back ("dispatching") is a lease, renewed by
 * the instance that holds it, so a request dispatched by an instance that died is
 * dispatched again once the lease ran out.
 */
public interface ParkingLot {

	/**
	 * Records a request as parked, with its record (whose personal fields stay sealed).
	 * @return true when it is parked (now, or by an earlier delivery of its record): its
	 * record may be acknowledged; false when its verification is past {@code received}
	 * (being called, ended or published): handle it as any redelivery
	 */
	Mono<Boolean> park(CallRequest request, byte[] record);

	/** Merchants with parked requests that nobody holds (no lease, or one run out). */
	Flux<MerchantId> waiting(Instant leaseRanOutBefore);

	/**
	 * Takes at most {@code max} of a merchant's parked requests, oldest first, under a
	 * lease of this instance; several instances never take the same one at once.
	 * @return their records
	 */
	Flux<byte[]> dispatch(MerchantId merchantId, int max, Instant leaseRanOutBefore);

	/**
	 * Takes at most {@code max} parked requests of any merchant whose verification
	 * expired before {@code expiredBefore}: they end without a channel.
	 * @return their records
	 */
	Flux<byte[]> dispatchExpired(int max, Instant expiredBefore, Instant leaseRanOutBefore);

	/** Renews this instance's leases on the parked requests it holds. */
	Mono<Void> renew();

	/**
	 * Gives a parked request this instance took back to the table (it was not called
	 * here: the service is stopping), for any instance to dispatch at once.
	 */
	Mono<Void> release(VerificationId verificationId);

}
