package com.phoneverify.gateway.ars.store;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.gateway.ars.ArsVerificationStore.Usage;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.gateway.ars.AcceptedRequest;
import com.phoneverify.gateway.ars.ArsVerification;
import com.phoneverify.gateway.ars.ArsVerificationStore;
import com.phoneverify.gateway.ars.CallSummary;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * {@link ArsVerificationStore} on PostgreSQL: accepted requests through group commit
 * ({@link AcceptedRequests}), the rest through {@link ArsVerificationRepository}.
 */
@Component
class PostgresArsVerificationStore implements ArsVerificationStore {

	private final ArsVerificationRepository repository;

	private final AcceptedRequests acceptedRequests;

	PostgresArsVerificationStore(ArsVerificationRepository repository, AcceptedRequests acceptedRequests) {
		this.repository = repository;
		this.acceptedRequests = acceptedRequests;
	}

	@Override
	public Mono<Void> storeAccepted(AcceptedRequest request) {
		return this.acceptedRequests.store(request);
	}

	@Override
	public Mono<ArsVerification> find(VerificationId id, MerchantId merchant) {
		return this.repository.find(id, merchant);
	}

	@Override
	public Mono<byte[]> destinationHash(VerificationId id, MerchantId merchant) {
		return this.repository.destinationHash(id, merchant);
	}

	@Override
	public Mono<ArsVerification> lock(VerificationId id, MerchantId merchant) {
		return this.repository.lock(id, merchant);
	}

	@Override
	public Mono<ArsVerification> lock(VerificationId id) {
		return this.repository.lock(id);
	}

	@Override
	public Mono<Void> recordWrongAttempt(ArsVerification verification, Instant now) {
		return this.repository.recordWrongAttempt(verification, now);
	}

	@Override
	public Mono<Void> recordAttempts(VerificationId id, int attemptsUsed) {
		return this.repository.recordAttempts(id, attemptsUsed);
	}

	@Override
	public Mono<Void> recordCall(VerificationId id, CallSummary call, Instant now) {
		return this.repository.recordCall(id, call, now);
	}

	@Override
	public Mono<Usage> confirmFailures(MerchantId merchant, Instant since) {
		return this.repository.confirmFailures(merchant, since);
	}

	@Override
	public Mono<Void> recordConfirmFailure(MerchantId merchant, Instant now, Instant forgetBefore) {
		return this.repository.recordConfirmFailure(merchant, now, forgetBefore);
	}

}
