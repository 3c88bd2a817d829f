package com.phoneverify.gateway.ars.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.gateway.ars.AcceptedRequest;
import com.phoneverify.gateway.ars.ArsVerificationStore.Usage;
import com.phoneverify.gateway.ars.DestinationLimits;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.signing.NonceStore;
import com.phoneverify.gateway.signing.SignatureProblems;
import com.phoneverify.gateway.verification.batch.GroupCommit;
import com.phoneverify.gateway.web.ApiProblem;
import com.phoneverify.gateway.web.DatabaseProblems;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
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

	private final DestinationLimits destinationLimits;

	private static final HexFormat HEX = HexFormat.of();

	private final GroupCommit<AcceptedRequest> groupCommit;

	AcceptedRequests(ArsVerificationRepository repository, DestinationLimits destinationLimits,
			GatewayProperties properties, MeterRegistry meters) {
		this.repository = repository;
		this.destinationLimits = destinationLimits;
		GatewayProperties.Batch batch = properties.verification().batch();
		DistributionSummary sizes = DistributionSummary.builder("verification.accepted.batch.size")
			.description("Accepted requests stored per statement")
			.register(meters);
		this.groupCommit = new GroupCommit<>(this, batch.maxSize(), batch.maxInFlight(), batch.maxQueued(),
				batch.maxWait(), sizes::record);
	}

	/**
	 * Stores the request; completes after the commit. Errors with
	 * {@link SignatureProblems#replayed()} when the nonce was used before.
	 */
	Mono<Void> store(AcceptedRequest request) {
		return this.groupCommit.submit(request)
			.onErrorMap(GroupCommit.Overloaded.class, (ex) -> DatabaseProblems.busy(ex.getMessage()));
	}

	/**
	 * The database timed out or is unreachable: writing each request alone would not
	 * help.
	 */
	@Override
	public boolean retryAlone(Throwable batchFailure) {
		return !(batchFailure instanceof ApiProblem problem && problem.status() == HttpStatus.SERVICE_UNAVAILABLE);
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
		return refusedByDestination(List.of(request)).flatMap((refused) -> refused.isEmpty() ? insertOne(request)
				: Mono.<Void>error(refused.values().iterator().next()));
	}

	private Mono<Void> insertOne(AcceptedRequest request) {
		// either unique key may be the one reported: the statement's inserts run in no
		// fixed order
		return this.repository.insertAccepted(request)
			.onErrorResume(DuplicateKeyException.class,
					(ex) -> this.repository.exists(request.verification().id())
						.flatMap((stored) -> stored ? Mono.<Void>empty()
								: Mono.error(NonceStore.isReplay(ex) ? SignatureProblems.replayed() : ex)))
			.onErrorMap(DatabaseProblems::isUnavailable, DatabaseProblems::unavailable)
			.onErrorMap(DataAccessResourceFailureException.class, (ex) -> outcomeUnknown(request));
	}

	/**
	 * The requests (by index) whose number is beyond its {@link DestinationLimits},
	 * counting the numbers' verifications in one query, and earlier requests of the same
	 * batch as if stored.
	 */
	private Mono<Map<Integer, Throwable>> refusedByDestination(List<AcceptedRequest> requests) {
		Instant now = latest(requests);
		return this.repository
			.destinationUsages(requests.stream().map(AcceptedRequest::destinationHash).toList(),
					now.minus(DestinationLimits.SHORT_WINDOW), now.minus(DestinationLimits.DAY))
			.map((usages) -> {
				Map<String, Usage> counted = new HashMap<>(usages);
				Map<Integer, Throwable> refused = new HashMap<>();
				for (int i = 0; i < requests.size(); i++) {
					String hash = HEX.formatHex(requests.get(i).destinationHash());
					Usage usage = counted.getOrDefault(hash, new Usage(0, null, 0, null));
					Duration wait = this.destinationLimits.waitFor(usage, now);
					if (wait != null) {
						refused.put(i, DestinationLimits.refusal(wait));
					}
					else {
						counted.put(hash, new Usage(usage.shortWindow() + 1, oldest(usage.oldestInShortWindow(), now),
								usage.longWindow() + 1, oldest(usage.oldestInLongWindow(), now)));
					}
				}
				return refused;
			});
	}

	private static Instant oldest(@Nullable Instant oldest, Instant now) {
		return (oldest != null) ? oldest : now;
	}

	static ApiProblem outcomeUnknown(AcceptedRequest request) {
		return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "outcome-unknown", "Outcome unknown",
				"the gateway lost its database connection while storing the request, which may or may not have been "
						+ "stored: GET /v1/ars-verifications/" + request.verification().id()
						+ " answers 404 if it was not (then retry with a new signature), or the verification");
	}

	@Override
	public Mono<Map<Integer, Throwable>> writeAll(List<AcceptedRequest> requests) {
		Instant now = latest(requests);
		return this.repository
			.insertAcceptedBatch(requests, now.minus(DestinationLimits.SHORT_WINDOW), now.minus(DestinationLimits.DAY),
					this.destinationLimits.perTenMinutes(), this.destinationLimits.perDay())
			.flatMap((result) -> {
				Map<Integer, Throwable> refused = new HashMap<>();
				List<Integer> limited = new ArrayList<>();
				for (int i = 0; i < requests.size(); i++) {
					UUID id = requests.get(i).verification().id().value();
					if (result.limited().contains(id)) {
						limited.add(i);
					}
					else if (!result.stored().contains(id)) {
						// the other row the statement skips: a nonce used before (or
						// twice in this batch)
						refused.put(i, SignatureProblems.replayed());
					}
				}
				if (limited.isEmpty()) {
					return Mono.just(refused);
				}
				// rare: how long the refused numbers must wait, for Retry-After
				return refusedByDestination(limited.stream().map(requests::get).toList()).map((waits) -> {
					for (int k = 0; k < limited.size(); k++) {
						refused.put(limited.get(k),
								waits.getOrDefault(k, DestinationLimits.refusal(DestinationLimits.SHORT_WINDOW)));
					}
					return refused;
				});
			})
			.onErrorMap(DatabaseProblems::isUnavailable, DatabaseProblems::unavailable);
	}

	private static Instant latest(List<AcceptedRequest> requests) {
		return requests.stream()
			.map((request) -> request.verification().createdAt())
			.max(Instant::compareTo)
			.orElseThrow();
	}

}
