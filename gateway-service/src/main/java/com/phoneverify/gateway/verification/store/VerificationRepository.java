package com.phoneverify.gateway.verification.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.gateway.verification.Transition;
import com.phoneverify.gateway.verification.Verification;
import com.phoneverify.gateway.verification.VerificationStore;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.messaging.support.Rows;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * {@link VerificationStore} in SQL: the shared read model, table
 * {@code gateway.verifications}, one row per verification of any product. Rows come back
 * as maps so that no R2DBC type leaves this class.
 */
@Repository
class VerificationRepository implements VerificationStore {

	/** The columns of {@link #toVerification}. */
	static final String COLUMNS = """
			id, merchant_id, product, kind, status, reason, callback_url, expires_at, created_at, updated_at,
			traceparent
			""";

	private final DatabaseClient db;

	VerificationRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Pending verifications past their expiry, of every product, row-locked; others'
	 * locks are skipped. Read whole: a connection runs one statement at a time, so the
	 * caller's next statements in the same transaction cannot start while these rows
	 * still stream.
	 */
	@Override
	public Mono<List<Verification>> lockExpired(Instant now, int limit) {
		return this.db.sql("SELECT " + COLUMNS + """
				FROM gateway.verifications WHERE status = 'pending' AND expires_at <= $1
				ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
				""")
			.bind(0, now)
			.bind(1, limit)
			.fetch()
			.all()
			.map(VerificationRepository::toVerification)
			.collectList();
	}

	/** Moves a pending verification to a final status; fails if it is not pending. */
	@Override
	public Mono<Void> finish(VerificationId id, Transition transition, Instant now) {
		return this.db.sql("""
				UPDATE gateway.verifications SET status = $2, reason = $3, updated_at = $4, finished_at = $4
				WHERE id = $1 AND status = 'pending'
				""")
			.bind(0, id.value())
			.bind(1, transition.status().wireName())
			.bind(2, Parameter.fromOrEmpty((transition.reason() != null) ? transition.reason().wireName() : null,
					String.class))
			.bind(3, now)
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 1) ? Mono.<Void>empty()
					: Mono.error(new OptimisticLockingFailureException("the verification changed meanwhile")));
	}

	/** A row of {@link #COLUMNS}. */
	static Verification toVerification(Map<String, Object> row) {
		String reason = (String) row.get("reason");
		return new Verification(new VerificationId((UUID) row.get("id")),
				MerchantId.of((String) row.get("merchant_id")), Product.valueOf(upper(row.get("product"))),
				(String) row.get("kind"), VerificationStatus.valueOf(upper(row.get("status"))),
				(reason != null) ? StatusReason.valueOf(reason.toUpperCase(Locale.ROOT)) : null,
				(String) row.get("callback_url"), Rows.instant(row.get("expires_at")),
				Rows.instant(row.get("created_at")), Rows.instant(row.get("updated_at")),
				(String) row.get("traceparent"));
	}

	private static String upper(Object value) {
		return ((String) value).toUpperCase(Locale.ROOT);
	}

}
