package com.phoneverify.gateway.ars.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.messaging.trace.Traceparent;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.GatewayIntegrationTest;
import com.phoneverify.gateway.Sealers;
import com.phoneverify.gateway.ars.AcceptedRequest;
import com.phoneverify.gateway.ars.ArsVerification;
import com.phoneverify.gateway.signing.SignedRequest;
import com.phoneverify.gateway.verification.batch.GroupCommit;
import com.phoneverify.gateway.web.ApiProblem;
import com.phoneverify.messaging.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit of accepted requests against the real database: a batch stores each
 * request as the single statement would, in order; a replayed nonce refuses only its own
 * request; a failing request stores nothing and fails alone.
 */
class AcceptedRequestsIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private AcceptedRequests acceptedRequests;

	@Autowired
	private TransactionalOperator tx;

	@Autowired
	private ArsVerificationRepository repository;

	@Autowired
	@Qualifier(Sealers.EVENTS)
	private Sealer sealer;

	private final EventCodec codec = new EventCodec();

	private static final String GOOD_CALLBACK = "https://shop.example/hook";

	/** Longer than the column's check constraint allows: the statement fails. */
	private static final String BAD_CALLBACK = "https://shop.example/" + "x".repeat(2100);

	private final String merchant = "batch-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void aBatchStoresEveryRequestWithItsOutboxRowInRequestOrder() {
		List<AcceptedRequest> requests = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			requests.add(request(nonce(), GOOD_CALLBACK));
		}
		// in a transaction rolled back at the end, so that the relay cannot take the rows
		Mono<List<String>> outboxKeys = this.acceptedRequests.writeAll(requests)
			.doOnNext((refused) -> assertThat(refused).isEmpty())
			.thenMany(this.db.sql("SELECT message_key FROM gateway.outbox WHERE message_key = ANY($1) ORDER BY id")
				.bind(0, requests.stream().map((request) -> request.authRequested().key()).toArray(String[]::new))
				.fetch()
				.all()
				.map((row) -> (String) row.get("message_key")))
			.collectList();
		StepVerifier.create(this.tx.execute((status) -> {
			status.setRollbackOnly();
			return outboxKeys;
		}))
			.assertNext((keys) -> assertThat(keys)
				.containsExactlyElementsOf(requests.stream().map((request) -> request.authRequested().key()).toList()))
			.verifyComplete();

		StepVerifier.create(this.acceptedRequests.writeAll(requests)).assertNext((refused) -> {
			assertThat(refused).isEmpty();
		}).verifyComplete();
		for (AcceptedRequest request : requests) {
			ArsVerification stored = find(request);
			assertThat(stored.phoneMasked()).isEqualTo(request.verification().phoneMasked());
			assertThat(stored.codeHash()).isEqualTo(request.verification().codeHash());
			assertThat(stored.codeLength()).isEqualTo(request.verification().codeLength());
			assertThat(stored.callbackUrl()).isEqualTo(request.verification().callbackUrl());
			assertThat(stored.expiresAt()).isEqualTo(request.verification().expiresAt());
			assertThat(stored.status()).isEqualTo(VerificationStatus.PENDING);
		}
	}

	/**
	 * A batch of one (and any batch) must store what the single statement, the one
	 * pgbench measures, stores.
	 */
	@Test
	void aBatchOfOneWritesTheSameRowsAsTheSingleStatement() {
		AcceptedRequest single = request(nonce(), GOOD_CALLBACK);
		ArsVerification v = single.verification();
		VerificationId otherId = VerificationId.random();
		AcceptedRequest batched = new AcceptedRequest(
				new SignedRequest(single.signed().merchantId(), single.signed().keyId(), nonce(),
						single.signed().nonceExpiresAt()),
				new ArsVerification(otherId, v.merchantId(), v.scenario(), v.status(), v.reason(), v.phoneMasked(),
						v.codeHash(), v.codeLength(), v.attemptsUsed(), v.callbackUrl(), v.expiresAt(), v.createdAt(),
						v.updatedAt(), v.call(), v.traceparent()),
				single.phone(), new OutboxMessage(single.authRequested().topic(), otherId.toString(),
						single.authRequested().payload(), single.authRequested().traceparent()),
				single.destinationHash());
		UUID[] ids = { v.id().value(), otherId.value() };
		Mono<List<List<Map<String, Object>>>> stored = this.repository.insertAccepted(single)
			.then(this.repository.insertAcceptedBatch(List.of(batched), java.time.Instant.EPOCH,
					java.time.Instant.EPOCH, 1000, 1000))
			.thenMany(Flux.concat(
					rows("SELECT * FROM gateway.verifications WHERE id = ANY($1) ORDER BY id = $2 DESC", ids, ids[0]),
					rows("SELECT * FROM gateway.ars_verifications WHERE id = ANY($1) ORDER BY id = $2 DESC", ids,
							ids[0]),
					rows("SELECT * FROM gateway.outbox WHERE message_key = ANY($1) ORDER BY message_key = $2 DESC",
							new String[] { ids[0].toString(), ids[1].toString() }, ids[0].toString()),
					rows("SELECT * FROM gateway.request_nonces WHERE nonce = ANY($1) ORDER BY nonce = $2 DESC",
							new String[] { single.signed().nonce(), batched.signed().nonce() },
							single.signed().nonce())))
			.collectList();
		// rolled back, so that the relay cannot take the outbox rows
		List<List<Map<String, Object>>> tables = this.tx.execute((status) -> {
			status.setRollbackOnly();
			return stored;
		}).single().block();
		for (List<Map<String, Object>> table : tables) {
			assertThat(table).hasSize(2);
			Map<String, Object> bySingle = new HashMap<>(table.get(0));
			Map<String, Object> byBatch = new HashMap<>(table.get(1));
			for (String differs : List.of("id", "message_key", "nonce")) {
				bySingle.remove(differs);
				byBatch.remove(differs);
			}
			assertThat(byBatch).isEqualTo(bySingle);
		}
	}

	private Mono<List<Map<String, Object>>> rows(String sql, Object array, Object first) {
		return this.db.sql(sql).bind(0, array).bind(1, first).fetch().all().map((row) -> {
			Map<String, Object> copy = new HashMap<>();
			row.forEach((column, value) -> copy.put(column,
					(value instanceof java.nio.ByteBuffer buffer)
							? java.util.HexFormat.of().formatHex(com.phoneverify.messaging.support.Rows.bytes(buffer))
							: value));
			return copy;
		}).collectList();
	}

	@Test
	void aReplayedNonceInABatchRefusesOnlyThatRequest() {
		String used = nonce();
		StepVerifier.create(this.acceptedRequests.writeOne(request(used, GOOD_CALLBACK))).verifyComplete();
		String twice = nonce();
		List<AcceptedRequest> requests = List.of(request(nonce(), GOOD_CALLBACK), request(used, GOOD_CALLBACK),
				request(twice, GOOD_CALLBACK), request(twice, GOOD_CALLBACK), request(nonce(), GOOD_CALLBACK));

		StepVerifier.create(this.acceptedRequests.writeAll(requests)).assertNext((refused) -> {
			assertThat(refused.keySet()).containsExactlyInAnyOrder(1, 3);
			assertThat(refused.values())
				.allSatisfy((error) -> assertThat(error).isInstanceOfSatisfying(ApiProblem.class,
						(problem) -> assertThat(problem.slug()).isEqualTo("signature-replayed")));
		}).verifyComplete();

		assertThat(storedCount(requests.get(0))).isOne();
		assertThat(storedCount(requests.get(1))).isZero();
		assertThat(storedCount(requests.get(2))).isOne();
		assertThat(storedCount(requests.get(3))).isZero();
		assertThat(storedCount(requests.get(4))).isOne();
		assertThat(count("SELECT count(*) FROM gateway.request_nonces WHERE nonce = $1", twice)).isOne();
	}

	@Test
	void aBatchWithABadRequestStoresNothingAndThenOnlyTheBadRequestFails() {
		List<AcceptedRequest> requests = List.of(request(nonce(), GOOD_CALLBACK), request(nonce(), BAD_CALLBACK),
				request(nonce(), GOOD_CALLBACK));
		StepVerifier.create(this.acceptedRequests.writeAll(requests)).expectError().verify();
		for (AcceptedRequest request : requests) {
			assertThat(storedCount(request)).isZero();
			assertThat(count("SELECT count(*) FROM gateway.request_nonces WHERE nonce = $1", request.signed().nonce()))
				.isZero();
		}

		List<Boolean> succeeded = Flux.fromIterable(requests)
			.flatMapSequential((request) -> this.acceptedRequests.store(request)
				.thenReturn(true)
				.onErrorResume((ex) -> Mono.just(false)))
			.collectList()
			.block();
		assertThat(succeeded).containsExactly(true, false, true);
		assertThat(storedCount(requests.get(0))).isOne();
		assertThat(storedCount(requests.get(1))).isZero();
		assertThat(
				count("SELECT count(*) FROM gateway.request_nonces WHERE nonce = $1", requests.get(1).signed().nonce()))
			.isZero();
		assertThat(storedCount(requests.get(2))).isOne();
	}

	/**
	 * The batch commits but its answer is lost (a dropped connection): its requests are
	 * written again one by one, meet their own nonces, and must be answered as stored,
	 * not as replayed.
	 */
	@Test
	void requestsOfABatchWhoseCommitAnswerWasLostAreAnsweredAsStoredNotReplayed() {
		// holds the first request's statement until all are submitted, so the others
		// batch
		Sinks.Empty<Void> gate = Sinks.empty();
		GroupCommit.Writer<AcceptedRequest> answerLost = new GroupCommit.Writer<>() {
			@Override
			public Mono<Void> writeOne(AcceptedRequest request) {
				return gate.asMono().then(AcceptedRequestsIntegrationTests.this.acceptedRequests.writeOne(request));
			}

			@Override
			public Mono<Map<Integer, Throwable>> writeAll(List<AcceptedRequest> requests) {
				return AcceptedRequestsIntegrationTests.this.acceptedRequests.writeAll(requests)
					.then(Mono.error(new DataAccessResourceFailureException("connection closed")));
			}
		};
		List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
		GroupCommit<AcceptedRequest> groupCommit = new GroupCommit<>(answerLost, 64, 1, 100,
				java.time.Duration.ofSeconds(30), batchSizes::add);
		List<AcceptedRequest> requests = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			requests.add(request(nonce(), GOOD_CALLBACK));
		}
		// the first goes alone; the others arrive while it commits and go as one batch
		StepVerifier.create(Flux.fromIterable(requests).flatMap(groupCommit::submit).then())
			.then(gate::tryEmitEmpty)
			.verifyComplete();
		assertThat(batchSizes).containsExactly(1, 3);
		for (AcceptedRequest request : requests) {
			assertThat(storedCount(request)).isOne();
		}
	}

	@Test
	void aNonceUsedByAnotherRequestIsStillAReplayWhenWrittenAlone() {
		String used = nonce();
		StepVerifier.create(this.acceptedRequests.writeOne(request(used, GOOD_CALLBACK))).verifyComplete();
		StepVerifier.create(this.acceptedRequests.writeOne(request(used, GOOD_CALLBACK)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ApiProblem.class,
					(problem) -> assertThat(problem.slug()).isEqualTo("signature-replayed")))
			.verify();
	}

	@Test
	void concurrentRequestsAreAllStoredOnce() {
		List<AcceptedRequest> requests = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			requests.add(request(nonce(), GOOD_CALLBACK));
		}
		StepVerifier.create(Flux.fromIterable(requests).flatMap(this.acceptedRequests::store, 64).then())
			.verifyComplete();
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1", this.merchant))
			.isEqualTo(200);
	}

	/**
	 * More due verifications than one sweep takes and than {@code concatMap} prefetches:
	 * the sweeper once streamed its claimed rows into further statements on the same
	 * connection, which deadlocked and left its transaction open for good (no more
	 * expiries, and vacuum held back).
	 */
	@Test
	void theSweeperExpiresManyDueVerificationsAndLeavesNoTransactionOpen() throws InterruptedException {
		List<AcceptedRequest> due = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			due.add(request(nonce(), GOOD_CALLBACK, Instant.now().minusSeconds(1)));
		}
		StepVerifier.create(Flux.fromIterable(due).flatMap(this.acceptedRequests::store, 64).then()).verifyComplete();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (pending() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(pending()).isZero();
		String idleInTransaction = "FROM pg_stat_activity WHERE state = 'idle in transaction' "
				+ "AND xact_start < now() - interval '5 seconds'";
		assertThat(count("SELECT count(*) " + idleInTransaction))
			.as("sessions idle in a transaction: %s",
					this.db.sql("SELECT datname, application_name, query " + idleInTransaction)
						.fetch()
						.all()
						.collectList()
						.block())
			.isZero();
	}

	private long pending() {
		return count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1 AND status = 'pending'",
				this.merchant);
	}

	/**
	 * The batch statement applies the per-destination limits itself: of three requests
	 * for one number with room for two, the third stores nothing, not even its nonce.
	 */
	@Test
	void aBatchStoresNoMoreRequestsForOneNumberThanItsLimitLeaves() {
		byte[] destination = UUID.randomUUID().toString().getBytes();
		List<AcceptedRequest> sameNumber = List.of(withDestination(request(nonce(), GOOD_CALLBACK), destination),
				withDestination(request(nonce(), GOOD_CALLBACK), destination),
				withDestination(request(nonce(), GOOD_CALLBACK), destination));
		Instant now = Instant.now();
		ArsVerificationRepository.BatchResult result = this.repository
			.insertAcceptedBatch(sameNumber, now.minusSeconds(600), now.minusSeconds(86_400), 2, 10)
			.block(Duration.ofSeconds(10));
		assertThat(result.stored()).containsExactlyInAnyOrder(sameNumber.get(0).verification().id().value(),
				sameNumber.get(1).verification().id().value());
		assertThat(result.limited()).containsExactly(sameNumber.get(2).verification().id().value());
		assertThat(count("SELECT count(*) FROM gateway.request_nonces WHERE nonce = $1",
				sameNumber.get(2).signed().nonce()))
			.isZero();
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE id = $1",
				sameNumber.get(2).verification().id().value()))
			.isZero();
	}

	private static AcceptedRequest withDestination(AcceptedRequest request, byte[] destination) {
		return new AcceptedRequest(request.signed(), request.verification(), request.phone(), request.authRequested(),
				destination);
	}

	private AcceptedRequest request(String nonce, String callbackUrl) {
		return request(nonce, callbackUrl, Instant.now().plusSeconds(180));
	}

	private AcceptedRequest request(String nonce, String callbackUrl, Instant expiresAt) {
		int codeLength = 6;
		VerificationId id = VerificationId.random();
		MerchantId merchantId = MerchantId.of(this.merchant);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		SealedValue phone = this.sealer.seal("+821012345678", AuthRequested.sealingContext(id, "phone"));
		SealedValue code = this.sealer.seal("123456", AuthRequested.sealingContext(id, "code"));
		ArsVerification verification = new ArsVerification(id, merchantId, ArsScenario.A, VerificationStatus.PENDING,
				null, "+82 10-****-5678", UUID.randomUUID().toString().getBytes(), codeLength, 0, callbackUrl,
				expiresAt.truncatedTo(ChronoUnit.MICROS), now, now, null, Traceparent.generate());
		EventEnvelope<AuthRequested> event = EventTopics.AUTH_REQUESTED.envelope(new AuthRequested(id, merchantId,
				ArsScenario.A, phone, code, null, codeLength, verification.expiresAt()), now, null);
		return new AcceptedRequest(new SignedRequest(merchantId, "pk_batch", nonce, now.plusSeconds(300)), verification,
				phone, OutboxMessage.of(Topics.AUTH_REQUESTED, event, this.codec),
				UUID.randomUUID().toString().getBytes());
	}

	private ArsVerification find(AcceptedRequest request) {
		return this.db
			.sql("SELECT * FROM gateway.verifications JOIN gateway.ars_verifications USING (id) WHERE id = $1")
			.bind(0, request.verification().id().value())
			.fetch()
			.one()
			.map(ArsVerificationRepository::toVerification)
			.block();
	}

	private long storedCount(AcceptedRequest request) {
		return count("SELECT count(*) FROM gateway.verifications WHERE id = $1", request.verification().id().value());
	}

	private static String nonce() {
		return "n" + UUID.randomUUID().toString().replace("-", "");
	}

}
