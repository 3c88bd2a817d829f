package com.phoneverify.gateway.ars.store;

import java.util.List;
import java.util.Map;

import com.phoneverify.gateway.ars.AcceptedRequest;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.signing.NonceStore;
import com.phoneverify.gateway.signing.SignatureProblems;
import com.phoneverify.gateway.verification.batch.GroupCommit;
import com.phoneverify.gateway.web.ApiProblem;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Stores accepted requests with group commit: requests that arrive while earlier ones are
 * being committed are stored together in one statement (one transaction, one WAL flush),
 * which is what lets the gateway keep up with the database's own rate. A request alone
 * runs {@link ArsVerificationRepository#INSERT_ACCEPTED}, the statement pgbench measures.
 * Each request still completes only once its own rows are committed; a replayed nonce
 * refuses only its own request (401 {@code signature-replayed}).
 */
@Component
class AcceptedRequests implements GroupCommit.Writer<AcceptedRequest> {

	private final ArsVerificationRepository repository;

	private final GroupCommit<AcceptedRequest> groupCommit;

	AcceptedRequests(ArsVerificationRepository repository, GatewayProperties properties, MeterRegistry meters) {
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

	/**
	 * Stores one request. A nonce conflict is a replay, unless the request's own
	 * verification is already stored: then an earlier statement with this request (a
	 * batch whose commit succeeded but whose answer was lost, so that it is now written
	 * alone) stored it, and it succeeded. A failure that leaves the outcome unknown (the
	 * connection was lost) is 503 {@code outcome-unknown}, not "safe to retry".
	 */
	@Override
	public Mono<Void> writeOne(AcceptedRequest request) {
		// either unique key may be the one reported: the statement's inserts run in no
		// fixed order
		return this.repository.insertAccepted(request)
			.onErrorResume(DuplicateKeyException.class,
					(ex) -> this.repository.exists(request.verification().id())
						.flatMap((stored) -> stored ? Mono.<Void>empty()
								: Mono.error(NonceStore.isReplay(ex) ? SignatureProblems.replayed() : ex)))
			.onErrorMap(DataAccessResourceFailureException.class, (ex) -> outcomeUnknown());
	}

	static ApiProblem outcomeUnknown() {
		return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "outcome-unknown", "Outcome unknown",
				"the gateway lost its database connection while storing the request, which may or may not have been "
						+ "stored; a retry with a new signature may create a second verification");
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
