package com.phoneverify.gateway.transfer.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.transfer.TransferOutcome;
import com.phoneverify.contracts.transfer.TransferPurpose;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.transfer.TransferDetails;
import com.phoneverify.gateway.transfer.TransferVerificationStore;
import com.phoneverify.gateway.verification.Verification;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.messaging.support.Rows;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * {@link TransferVerificationStore} in SQL. Rows come back as maps: no R2DBC type leaves
 * this class.
 */
@Repository
class TransferVerificationRepository implements TransferVerificationStore {

	private static final String SELECT = """
			SELECT v.id, v.merchant_id, v.product, v.kind, v.status, v.reason, v.callback_url, v.expires_at,
			  v.created_at, v.updated_at, v.traceparent, t.amount, t.to_bank, t.from_account_masked,
			  t.to_account_masked, t.recipient_phone_masked, t.purpose, t.repayment_date, t.cancel_requested_at,
			  t.outcome, t.outcome_reason, t.evidence, t.completed_at
			FROM gateway.verifications v JOIN gateway.transfer_verifications t USING (id)
			""";

	private static final String INSERT = """
			WITH verification AS (
			  INSERT INTO gateway.verifications (id, merchant_id, product, kind, status, callback_url, expires_at,
			    created_at, updated_at, traceparent)
			  VALUES ($1, $2, 'transfer', $3, 'pending', $4, $5, $6, $6, $7)
			), details AS (
			  INSERT INTO gateway.transfer_verifications (id, amount, to_bank, from_account_masked, to_account_masked,
			    recipient_phone_masked, purpose, repayment_date)
			  VALUES ($1, $8, $9, $10, $11, $12, $13, $14)
			)
			INSERT INTO gateway.outbox (topic, message_key, payload, traceparent) VALUES ($15, $16, $17, $7)
			""";

	private final DatabaseClient db;

	TransferVerificationRepository(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Void> insert(Verification v, TransferDetails d, OutboxMessage request) {
		return this.db.sql(INSERT)
			.bind(0, v.id().value())
			.bind(1, v.merchantId().value())
			.bind(2, v.kind())
			.bind(3, Parameters.in(R2dbcType.VARCHAR, v.callbackUrl()))
			.bind(4, v.expiresAt())
			.bind(5, v.createdAt())
			.bind(6, Parameters.in(R2dbcType.VARCHAR, v.traceparent()))
			.bind(7, d.amount())
			.bind(8, d.toBank())
			.bind(9, d.fromAccountMasked())
			.bind(10, d.toAccountMasked())
			.bind(11, Parameters.in(R2dbcType.VARCHAR, d.recipientPhoneMasked()))
			.bind(12,
					Parameters.in(R2dbcType.VARCHAR,
							(d.purpose() != null) ? d.purpose().name().toLowerCase(Locale.ROOT) : null))
			.bind(13, Parameters.in(R2dbcType.DATE, d.repaymentDate()))
			.bind(14, request.topic())
			.bind(15, request.key())
			.bind(16, request.payload())
			.then();
	}

	@Override
	public Mono<Stored> find(VerificationId id, MerchantId merchant) {
		return this.db.sql(SELECT + " WHERE v.id = $1 AND v.merchant_id = $2")
			.bind(0, id.value())
			.bind(1, merchant.value())
			.fetch()
			.one()
			.map(TransferVerificationRepository::stored);
	}

	@Override
	public Mono<Stored> lock(VerificationId id) {
		return this.db.sql(SELECT + " WHERE v.id = $1 FOR UPDATE OF v, t")
			.bind(0, id.value())
			.fetch()
			.one()
			.map(TransferVerificationRepository::stored);
	}

	@Override
	public Mono<Void> cancelRequested(VerificationId id, Instant now, OutboxMessage cancel) {
		return this.db
			.sql("UPDATE gateway.transfer_verifications SET cancel_requested_at = $2 WHERE id = $1 "
					+ "AND cancel_requested_at IS NULL")
			.bind(0, id.value())
			.bind(1, now)
			.then()
			.then(this.db
				.sql("INSERT INTO gateway.outbox (topic, message_key, payload, traceparent) "
						+ "VALUES ($1, $2, $3, $4)")
				.bind(0, cancel.topic())
				.bind(1, cancel.key())
				.bind(2, cancel.payload())
				.bind(3, Parameters.in(R2dbcType.VARCHAR, cancel.traceparent()))
				.then());
	}

	@Override
	public Mono<Void> completed(VerificationId id, TransferOutcome outcome, @Nullable String reason,
			@Nullable String evidence, Instant now) {
		return this.db
			.sql("UPDATE gateway.transfer_verifications SET outcome = $2, outcome_reason = $3, evidence = $4, "
					+ "completed_at = $5 WHERE id = $1")
			.bind(0, id.value())
			.bind(1, outcome.name().toLowerCase(Locale.ROOT))
			.bind(2, Parameters.in(R2dbcType.VARCHAR, reason))
			.bind(3, Parameters.in(R2dbcType.VARCHAR, evidence))
			.bind(4, now)
			.then();
	}

	private static Stored stored(Map<String, Object> row) {
		String reason = (String) row.get("reason");
		Verification verification = new Verification(new VerificationId((UUID) row.get("id")),
				MerchantId.of((String) row.get("merchant_id")), Product.valueOf(upper(row.get("product"))),
				(String) row.get("kind"), VerificationStatus.valueOf(upper(row.get("status"))),
				(reason != null) ? StatusReason.valueOf(upper(reason)) : null, (String) row.get("callback_url"),
				Rows.instant(row.get("expires_at")), Rows.instant(row.get("created_at")),
				Rows.instant(row.get("updated_at")), (String) row.get("traceparent"));
		String purpose = (String) row.get("purpose");
		String outcome = (String) row.get("outcome");
		TransferDetails details = new TransferDetails(((Number) row.get("amount")).longValue(),
				(String) row.get("to_bank"), (String) row.get("from_account_masked"),
				(String) row.get("to_account_masked"), (String) row.get("recipient_phone_masked"),
				(purpose != null) ? TransferPurpose.valueOf(upper(purpose)) : null,
				(LocalDate) row.get("repayment_date"), Rows.instant(row.get("cancel_requested_at")),
				(outcome != null) ? TransferOutcome.valueOf(upper(outcome)) : null, (String) row.get("outcome_reason"),
				(String) row.get("evidence"), Rows.instant(row.get("completed_at")));
		return new Stored(verification, details);
	}

	private static String upper(Object value) {
		return ((String) value).toUpperCase(Locale.ROOT);
	}

}
