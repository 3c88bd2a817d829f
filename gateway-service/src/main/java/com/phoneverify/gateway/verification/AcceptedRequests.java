package com.phoneverify.gateway.verification;

import java.util.List;
import java.util.Map;

import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.signing.NonceStore;
import com.phoneverify.gateway.signing.SignatureProblems;
import com.phoneverify.gateway.verification.batch.GroupCommit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Stores accepted requests with group commit: requests that arrive while earlier ones are
 * being committed are stored together in one statement (one transaction, one WAL flush),
 * which is what lets the gateway keep up with the database's own rate. A request alone
 * runs {@link VerificationRepository#INSERT_ACCEPTED}, the statement pgbench measures.
 * Each request still completes only once its own rows are committed; a replayed nonce
 * refuses only its own request (401 {@code signature-replayed}).
 */
@Component
class AcceptedRequests implements GroupCommit.Writer<AcceptedRequest> {

	private final VerificationRepository repository;

	private final GroupCommit<AcceptedRequest> groupCommit;

	AcceptedRequests(VerificationRepository repository, GatewayProperties properties, MeterRegistry meters) {
		this.repository = repository;
		GatewayProperties.Batch batch = properties.verification().batch();
		DistributionSummary sizes = DistributionSummary.builder("verification.accepted.batch.size")
			.description("Accepted requests stored per statement")
			.register(meters);
		this.groupCommit = new GroupCommit<>(this, batch.maxSize(), batch.maxInFlight(), sizes::record);
	}

	/**
	 * Stores the request; completes after the commit. Errors with
	 * {@link SignatureProblems#replayed()} when the nonce was used before.
	 */
	Mono<Void> store(AcceptedRequest request) {
		return this.groupCommit.submit(request);
	}

	@Override
	public Mono<Void> writeOne(AcceptedRequest request) {
		return this.repository.insertAccepted(request)
			.onErrorMap(NonceStore::isReplay, (ex) -> SignatureProblems.replayed());
	}

	@Override
	public Mono<Map<Integer, Throwable>> writeAll(List<AcceptedRequest> requests) {
		return this.repository.insertAcceptedBatch(requests).map((stored) -> {
			Map<Integer, Throwable> refused = new java.util.HashMap<>();
			for (int i = 0; i < requests.size(); i++) {
				if (!stored.contains(requests.get(i).verification().id().value())) {
					// the only row the statement skips: a nonce used before (or twice
					// in this batch)
					refused.put(i, SignatureProblems.replayed());
				}
			}
			return refused;
		});
	}

}
