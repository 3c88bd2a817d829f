package com.phoneverify.gateway.ars.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.phoneverify.gateway.ars.AcceptedRequest;
import com.phoneverify.gateway.ars.ArsVerification;
import com.phoneverify.gateway.ars.ArsVerificationStore.Usage;
import com.phoneverify.gateway.ars.CallSummary;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.gateway.signing.SignedRequest;
import com.phoneverify.messaging.support.Rows;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * SQL of ARS verifications: the shared row ({@code gateway.verifications}, product
 * {@code ars}, kind = scenario) joined with its ARS details
 * ({@code gateway.ars_verifications}). Final statuses are written by the shared
 * {@code Verifications}. Rows come back as maps.
 */
@Repository
class ArsVerificationRepository {

	/**
	 * The whole accepted request in one statement, so one round trip and one implicit
	 * transaction: the nonce (its primary key refuses a replay and then nothing is
	 * stored), the verification, and the {@code auth-requested} outbox row. The same SQL
	 * is in {@code bench/accepted-request.sql} for pgbench.
	 */
	static final String INSERT_ACCEPTED = oneLine("""
			WITH nonce AS (
			  INSERT INTO gateway.request_nonces (key_id, nonce, expires_at) VALUES ($1, $2, $3)
			), verification AS (
			  INSERT INTO gateway.verifications (id, merchant_id, product, kind, status, callback_url, expires_at,
			    created_at, updated_at, traceparent)
			  VALUES ($4, $5, 'ars', $6, 'pending', $13, $14, $15, $15, $19)
			), ars AS (
			  INSERT INTO gateway.ars_verifications (id, phone_key_id, phone_nonce, phone_ciphertext, phone_masked,
			    code_hash, code_length, attempts_used, destination_hash)
			  VALUES ($4, $7, $8, $9, $10, $11, $12, 0, $20)
			)
			INSERT INTO gateway.outbox (topic, message_key, payload, traceparent) VALUES ($16, $17, $18, $19)
			""");

	/**
	 * {@link #INSERT_ACCEPTED} for many requests at once: one array per column, unnested
	 * in order. Nonces go in with {@code ON CONFLICT DO NOTHING}, and only the requests
	 * whose nonce went in (the first of any duplicates in the batch) store their
	 * verification and outbox row, so a replay refuses only its own request. Outbox rows
	 * are inserted in request order. Binary columns travel as hex and UTF-8 text, which
	 * the driver binds as arrays everywhere. The per-destination limits are applied in
	 * the same statement, before any row goes in: the verifications of the batch's
	 * numbers are counted once, each request counting the batch's earlier ones for its
	 * number; a request beyond a limit stores nothing (not even its nonce) and comes back
	 * with {@code stored = false}.
	 */
	static final String INSERT_ACCEPTED_BATCH = oneLine(
			"""
					WITH input AS (
					  SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[],
					    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::smallint[], $13::text[],
					    $14::timestamptz[], $15::timestamptz[], $16::text[], $17::text[], $18::text[], $19::text[],
					    $20::text[])
					    WITH ORDINALITY AS r(key_id, nonce, nonce_expires_at, id, merchant_id, type, phone_key_id, phone_nonce,
					      phone_ciphertext, phone_masked, code_hash, code_length, callback_url, expires_at, created_at, topic,
					      message_key, payload, traceparent, destination_hash, ord)
					), usage AS (
					  SELECT a.destination_hash AS hash, count(*) FILTER (WHERE v.created_at > $21) AS short_count,
					    count(*) AS day_count
					  FROM gateway.ars_verifications a JOIN gateway.verifications v USING (id)
					  WHERE a.destination_hash IN (SELECT decode(destination_hash, 'hex') FROM input) AND v.created_at > $22
					  GROUP BY a.destination_hash
					), allowed AS (
					  SELECT ranked.* FROM (
					    SELECT input.*, row_number() OVER (PARTITION BY destination_hash ORDER BY ord) AS nth FROM input
					  ) ranked LEFT JOIN usage ON usage.hash = decode(ranked.destination_hash, 'hex')
					  WHERE coalesce(usage.short_count, 0) + ranked.nth <= $23 AND coalesce(usage.day_count, 0) + ranked.nth <= $24
					), nonce AS (
					  INSERT INTO gateway.request_nonces (key_id, nonce, expires_at)
					  SELECT DISTINCT ON (key_id, nonce) key_id, nonce, nonce_expires_at FROM allowed ORDER BY key_id, nonce, ord
					  ON CONFLICT ON CONSTRAINT request_nonces_pkey DO NOTHING
					  RETURNING key_id, nonce
					), accepted AS (
					  SELECT DISTINCT ON (key_id, nonce) allowed.* FROM allowed JOIN nonce USING (key_id, nonce)
					  ORDER BY key_id, nonce, ord
					), verification AS (
					  INSERT INTO gateway.verifications (id, merchant_id, product, kind, status, callback_url, expires_at,
					    created_at, updated_at, traceparent)
					  SELECT id, merchant_id, 'ars', type, 'pending', callback_url, expires_at, created_at, created_at,
					    traceparent
					  FROM accepted ORDER BY ord
					  RETURNING id
					), ars AS (
					  INSERT INTO gateway.ars_verifications (id, phone_key_id, phone_nonce, phone_ciphertext, phone_masked,
					    code_hash, code_length, attempts_used, destination_hash)
					  SELECT id, phone_key_id, phone_nonce, phone_ciphertext, phone_masked, decode(code_hash, 'hex'),
					    code_length, 0, decode(destination_hash, 'hex')
					  FROM accepted ORDER BY ord
					), outbox AS (
					  INSERT INTO gateway.outbox (topic, message_key, payload, traceparent)
					  SELECT topic, message_key, convert_to(payload, 'UTF8'), traceparent FROM accepted ORDER BY ord
					)
					SELECT id, true AS stored FROM verification
					UNION ALL SELECT id, false FROM input WHERE id NOT IN (SELECT id FROM allowed)
					""");

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * The statement on one line: the driver scans the text for parameters at every
	 * execution, so the hot statements carry no indentation.
	 */
	private static String oneLine(String sql) {
		return sql.strip().replaceAll("\\s+", " ");
	}

	private static final String COLUMNS = """
			id, merchant_id, kind, status, reason, phone_masked, code_hash, code_length, attempts_used, callback_url,
			expires_at, created_at, updated_at, call_outcome, scenario_result, sip_status, ringing_ms, answer_ms,
			call_total_ms, call_completed_at, traceparent
			""";

	/** The shared row and its ARS details. */
	private static final String FROM = " FROM gateway.verifications JOIN gateway.ars_verifications USING (id) ";

	private final DatabaseClient db;

	ArsVerificationRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Void> insertAccepted(AcceptedRequest request) {
		SignedRequest signed = request.signed();
		ArsVerification verification = request.verification();
		SealedValue phone = request.phone();
		OutboxMessage authRequested = request.authRequested();
		return this.db.sql(INSERT_ACCEPTED)
			.bind(0, signed.keyId())
			.bind(1, signed.nonce())
			.bind(2, signed.nonceExpiresAt())
			.bind(3, verification.id().value())
			.bind(4, verification.merchantId().value())
			.bind(5, verification.scenario().name())
			.bind(6, phone.keyId())
			.bind(7, phone.nonce())
			.bind(8, phone.ciphertext())
			.bind(9, verification.phoneMasked())
			.bind(10, verification.codeHash())
			.bind(11, (short) verification.codeLength())
			.bind(12, Parameter.fromOrEmpty(verification.callbackUrl(), String.class))
			.bind(13, verification.expiresAt())
			.bind(14, verification.createdAt())
			.bind(15, authRequested.topic())
			.bind(16, authRequested.key())
			.bind(17, authRequested.payload())
			.bind(18, Parameter.fromOrEmpty(verification.traceparent(), String.class))
			.bind(19, request.destinationHash())
			.then();
	}

	/**
	 * Stores many accepted requests in one statement (one implicit transaction), each as
	 * {@link #INSERT_ACCEPTED} would, in the given order. A request whose nonce was used
	 * before (or earlier in the same batch) is skipped whole. Emits the ids of the
	 * verifications stored.
	 */
	Mono<BatchResult> insertAcceptedBatch(List<AcceptedRequest> requests, Instant shortWindowStart, Instant dayStart,
			long perTenMinutes, long perDay) {
		int n = requests.size();
		String[] keyIds = new String[n];
		String[] nonces = new String[n];
		Instant[] nonceExpiries = new Instant[n];
		UUID[] ids = new UUID[n];
		String[] merchants = new String[n];
		String[] types = new String[n];
		String[] phoneKeyIds = new String[n];
		String[] phoneNonces = new String[n];
		String[] phoneCiphertexts = new String[n];
		String[] phonesMasked = new String[n];
		String[] codeHashes = new String[n];
		Short[] codeLengths = new Short[n];
		String[] callbackUrls = new String[n];
		Instant[] expiries = new Instant[n];
		Instant[] created = new Instant[n];
		String[] topics = new String[n];
		String[] keys = new String[n];
		String[] payloads = new String[n];
		String[] traceparents = new String[n];
		String[] destinationHashes = new String[n];
		for (int i = 0; i < n; i++) {
			AcceptedRequest request = requests.get(i);
			ArsVerification verification = request.verification();
			keyIds[i] = request.signed().keyId();
			nonces[i] = request.signed().nonce();
			nonceExpiries[i] = request.signed().nonceExpiresAt();
			ids[i] = verification.id().value();
			merchants[i] = verification.merchantId().value();
			types[i] = verification.scenario().name();
			phoneKeyIds[i] = request.phone().keyId();
			phoneNonces[i] = request.phone().nonce();
			phoneCiphertexts[i] = request.phone().ciphertext();
			phonesMasked[i] = verification.phoneMasked();
			codeHashes[i] = HEX.formatHex(verification.codeHash());
			codeLengths[i] = (short) verification.codeLength();
			callbackUrls[i] = verification.callbackUrl();
			expiries[i] = verification.expiresAt();
			created[i] = verification.createdAt();
			topics[i] = request.authRequested().topic();
			keys[i] = request.authRequested().key();
			payloads[i] = new String(request.authRequested().payload(), StandardCharsets.UTF_8);
			traceparents[i] = verification.traceparent();
			destinationHashes[i] = HEX.formatHex(request.destinationHash());
		}
		return this.db.sql(INSERT_ACCEPTED_BATCH)
			.bind(0, keyIds)
			.bind(1, nonces)
			.bind(2, nonceExpiries)
			.bind(3, ids)
			.bind(4, merchants)
			.bind(5, types)
			.bind(6, phoneKeyIds)
			.bind(7, phoneNonces)
			.bind(8, phoneCiphertexts)
			.bind(9, phonesMasked)
			.bind(10, codeHashes)
			.bind(11, codeLengths)
			.bind(12, callbackUrls)
			.bind(13, expiries)
			.bind(14, created)
			.bind(15, topics)
			.bind(16, keys)
			.bind(17, payloads)
			.bind(18, traceparents)
			.bind(19, destinationHashes)
			.bind(20, shortWindowStart)
			.bind(21, dayStart)
			.bind(22, perTenMinutes)
			.bind(23, perDay)
			.fetch()
			.all()
			.collectList()
			.map((rows) -> {
				Set<UUID> stored = new java.util.HashSet<>();
				Set<UUID> limited = new java.util.HashSet<>();
				for (Map<String, Object> row : rows) {
					(Boolean.TRUE.equals(row.get("stored")) ? stored : limited).add((UUID) row.get("id"));
				}
				return new BatchResult(stored, limited);
			});
	}

	/**
	 * What a batch statement did: the verifications it stored, and those it refused
	 * because their number was beyond its limits.
	 */
	record BatchResult(Set<UUID> stored, Set<UUID> limited) {
	}

	/**
	 * Whether a verification with this id is stored (committed, or in this transaction).
	 */
	Mono<Boolean> exists(VerificationId id) {
		return this.db.sql("SELECT EXISTS (SELECT 1 FROM gateway.verifications WHERE id = $1) AS stored")
			.bind(0, id.value())
			.fetch()
			.one()
			.map((row) -> (Boolean) row.get("stored"));
	}

	Mono<ArsVerification> find(VerificationId id, MerchantId merchant) {
		return this.db.sql("SELECT " + COLUMNS + FROM + "WHERE id = $1 AND merchant_id = $2")
			.bind(0, id.value())
			.bind(1, merchant.value())
			.fetch()
			.one()
			.map(ArsVerificationRepository::toVerification);
	}

	/**
	 * The keyed hash of the number the merchant's verification called; empty when there
	 * is none, it is another's, or retention erased it.
	 */
	Mono<byte[]> destinationHash(VerificationId id, MerchantId merchant) {
		return this.db.sql(
				"SELECT a.destination_hash FROM gateway.ars_verifications a JOIN gateway.verifications v ON v.id = a.id "
						+ "WHERE a.id = $1 AND v.merchant_id = $2 AND a.destination_hash IS NOT NULL")
			.bind(0, id.value())
			.bind(1, merchant.value())
			.map((row) -> row.get("destination_hash", byte[].class))
			.one();
	}

	/** The verification, row-locked until the transaction ends. */
	Mono<ArsVerification> lock(VerificationId id, MerchantId merchant) {
		return this.db.sql("SELECT " + COLUMNS + FROM + "WHERE id = $1 AND merchant_id = $2 FOR UPDATE")
			.bind(0, id.value())
			.bind(1, merchant.value())
			.fetch()
			.one()
			.map(ArsVerificationRepository::toVerification);
	}

	/** A wrong code, counted only if nobody else counted one meanwhile. */
	Mono<Void> recordWrongAttempt(ArsVerification verification, Instant now) {
		return expectOne(this.db.sql("""
				WITH touched AS (
				  UPDATE gateway.verifications SET updated_at = $3 WHERE id = $1 AND status = 'pending' RETURNING id
				)
				UPDATE gateway.ars_verifications a SET attempts_used = a.attempts_used + 1
				FROM touched WHERE a.id = touched.id AND a.attempts_used = $2
				""")
			.bind(0, verification.id().value())
			.bind(1, (short) verification.attemptsUsed())
			.bind(2, now)
			.fetch()
			.rowsUpdated());
	}

	/** The confirmations used, as the final status of a verification counts them. */
	Mono<Void> recordAttempts(VerificationId id, int attemptsUsed) {
		return expectOne(this.db.sql("UPDATE gateway.ars_verifications SET attempts_used = $2 WHERE id = $1")
			.bind(0, id.value())
			.bind(1, (short) attemptsUsed)
			.fetch()
			.rowsUpdated());
	}

	Mono<Void> recordCall(VerificationId id, CallSummary call, Instant now) {
		return this.db.sql("""
				WITH touched AS (UPDATE gateway.verifications SET updated_at = $9 WHERE id = $1)
				UPDATE gateway.ars_verifications
				SET call_outcome = $2, scenario_result = $3, sip_status = $4, ringing_ms = $5, answer_ms = $6,
				    call_total_ms = $7, call_completed_at = $8
				WHERE id = $1
				""")
			.bind(0, id.value())
			.bind(1, call.outcome())
			.bind(2, Parameter.fromOrEmpty(call.scenarioResult(), String.class))
			.bind(3, Parameter.fromOrEmpty(call.sipStatus(), Integer.class))
			.bind(4, Parameter.fromOrEmpty(call.ringingMillis(), Long.class))
			.bind(5, Parameter.fromOrEmpty(call.answerMillis(), Long.class))
			.bind(6, call.totalMillis())
			.bind(7, call.completedAt())
			.bind(8, now)
			.then();
	}

	/**
	 * The verifications of each number (by its keyed hash) since each instant, whichever
	 * merchant asked, in one query through the partial index on the hash: the day window
	 * contains the short one. Numbers with none are missing from the map, whose keys are
	 * the hashes in hex.
	 */
	Mono<Map<String, Usage>> destinationUsages(Collection<byte[]> destinationHashes, Instant shortWindowStart,
			Instant dayStart) {
		String[] hashes = destinationHashes.stream().map(HEX::formatHex).distinct().toArray(String[]::new);
		return this.db.sql("""
				SELECT encode(a.destination_hash, 'hex') AS hash,
				  count(*) FILTER (WHERE v.created_at > $2) AS short_count,
				  min(v.created_at) FILTER (WHERE v.created_at > $2) AS short_oldest,
				  count(*) AS day_count, min(v.created_at) AS day_oldest
				FROM gateway.ars_verifications a JOIN gateway.verifications v USING (id)
				WHERE a.destination_hash = ANY (SELECT decode(h, 'hex') FROM unnest($1::text[]) h)
				  AND v.created_at > $3
				GROUP BY a.destination_hash
				""")
			.bind(0, hashes)
			.bind(1, shortWindowStart)
			.bind(2, dayStart)
			.fetch()
			.all()
			.collectMap((row) -> (String) row.get("hash"),
					(row) -> new Usage(longValue(row.get("short_count")), Rows.instant(row.get("short_oldest")),
							longValue(row.get("day_count")), Rows.instant(row.get("day_oldest"))));
	}

	/** The merchant's wrong codes since {@code since} (both windows alike). */
	Mono<Usage> confirmFailures(MerchantId merchant, Instant since) {
		return this.db.sql("""
				SELECT count(*) AS failures, min(failed_at) AS oldest FROM gateway.confirm_failures
				WHERE merchant_id = $1 AND failed_at > $2
				""").bind(0, merchant.value()).bind(1, since).fetch().one().map((row) -> {
			long failures = longValue(row.get("failures"));
			Instant oldest = Rows.instant(row.get("oldest"));
			return new Usage(failures, oldest, failures, oldest);
		});
	}

	/** One wrong code; the merchant's rows from before {@code forgetBefore} go. */
	Mono<Void> recordConfirmFailure(MerchantId merchant, Instant now, Instant forgetBefore) {
		return this.db.sql("""
				WITH forgotten AS (
				  DELETE FROM gateway.confirm_failures WHERE merchant_id = $1 AND failed_at <= $3
				)
				INSERT INTO gateway.confirm_failures (merchant_id, failed_at) VALUES ($1, $2)
				""").bind(0, merchant.value()).bind(1, now).bind(2, forgetBefore).then();
	}

	/** The verification of an event, whichever merchant; row-locked. */
	Mono<ArsVerification> lock(VerificationId id) {
		return this.db.sql("SELECT " + COLUMNS + FROM + "WHERE id = $1 FOR UPDATE")
			.bind(0, id.value())
			.fetch()
			.one()
			.map(ArsVerificationRepository::toVerification);
	}

	private static Mono<Void> expectOne(Mono<Long> rowsUpdated) {
		return rowsUpdated.flatMap((rows) -> (rows == 1) ? Mono.<Void>empty()
				: Mono.error(new OptimisticLockingFailureException("the verification changed meanwhile")));
	}

	static ArsVerification toVerification(Map<String, Object> row) {
		String outcome = (String) row.get("call_outcome");
		CallSummary call = (outcome == null) ? null
				: new CallSummary(outcome, (String) row.get("scenario_result"), integer(row.get("sip_status")),
						longValue(row.get("ringing_ms")), longValue(row.get("answer_ms")),
						longValue(row.get("call_total_ms")), Rows.instant(row.get("call_completed_at")));
		String reason = (String) row.get("reason");
		return new ArsVerification(new VerificationId((UUID) row.get("id")),
				MerchantId.of((String) row.get("merchant_id")), ArsScenario.valueOf((String) row.get("kind")),
				VerificationStatus.valueOf(((String) row.get("status")).toUpperCase(Locale.ROOT)),
				(reason != null) ? StatusReason.valueOf(reason.toUpperCase(Locale.ROOT)) : null,
				(String) row.get("phone_masked"), Rows.bytes(row.get("code_hash")), integer(row.get("code_length")),
				integer(row.get("attempts_used")), (String) row.get("callback_url"),
				Rows.instant(row.get("expires_at")), Rows.instant(row.get("created_at")),
				Rows.instant(row.get("updated_at")), call, (String) row.get("traceparent"));
	}

	private static @Nullable Integer integer(@Nullable Object value) {
		return (value != null) ? ((Number) value).intValue() : null;
	}

	private static @Nullable Long longValue(@Nullable Object value) {
		return (value != null) ? ((Number) value).longValue() : null;
	}

}
