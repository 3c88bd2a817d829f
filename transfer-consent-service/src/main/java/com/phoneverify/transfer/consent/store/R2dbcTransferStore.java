package com.phoneverify.transfer.consent.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.otp.OtpRequestId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.messaging.support.Rows;
import com.phoneverify.transfer.consent.ArsCall;
import com.phoneverify.transfer.consent.NameCheck;
import com.phoneverify.transfer.consent.Purpose;
import com.phoneverify.transfer.consent.Transfer;
import com.phoneverify.transfer.consent.TransferMode;
import com.phoneverify.transfer.consent.TransferState;
import com.phoneverify.transfer.consent.TransferStore;
import com.phoneverify.transfer.ledger.AccountNumber;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * {@link TransferStore} on {@code transfer.transfers}, {@code replies} and
 * {@code sms_messages}.
 */
final class R2dbcTransferStore implements TransferStore {

	private static final String COLUMNS = "id, mode, purpose, repayment_date, conditions, from_account, to_bank, "
			+ "to_account, amount, recipient_phone, name_check, state, reason, code_hash, wrong_codes, "
			+ "consent_message_id, requested_at, expires_at, replied_at, finished_at, merchant_id";

	private final DatabaseClient db;

	R2dbcTransferStore(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Void> insert(Transfer t) {
		Purpose purpose = t.purpose();
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("INSERT INTO transfer.transfers (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
					+ "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)")
			.bind(0, t.id().value())
			.bind(1, lower(t.mode()));
		insert = bindNullable(insert, 2, (purpose != null) ? lower(purpose.type()) : null, String.class);
		insert = bindNullable(insert, 3, (purpose != null) ? purpose.repaymentDate() : null, LocalDate.class);
		insert = bindNullable(insert, 4, (purpose != null) ? purpose.conditions() : null, String.class);
		insert = insert.bind(5, t.from().value()).bind(6, t.toBank()).bind(7, t.to().value()).bind(8, t.amount());
		insert = bindNullable(insert, 9, (t.recipientPhone() != null) ? t.recipientPhone().e164() : null, String.class);
		insert = bindNullable(insert, 10, (t.nameCheck() != null) ? lower(t.nameCheck().result()) : null, String.class);
		insert = insert.bind(11, lower(t.state()));
		insert = bindNullable(insert, 12, t.reason(), String.class);
		insert = bindNullable(insert, 13, t.codeHash(), byte[].class);
		insert = insert.bind(14, t.wrongCodes());
		insert = bindNullable(insert, 15, (t.consentMessageId() != null) ? t.consentMessageId().value() : null,
				UUID.class);
		insert = insert.bind(16, at(t.requestedAt()));
		insert = bindNullable(insert, 17, at(t.expiresAt()), OffsetDateTime.class);
		insert = bindNullable(insert, 18, at(t.repliedAt()), OffsetDateTime.class);
		insert = bindNullable(insert, 19, at(t.finishedAt()), OffsetDateTime.class);
		insert = bindNullable(insert, 20, (t.merchant() != null) ? t.merchant().value() : null, String.class);
		return insert.then();
	}

	@Override
	public Mono<Transfer> find(TransferId id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM transfer.transfers WHERE id = $1")
			.bind(0, id.value())
			.map((row) -> transfer(row))
			.one();
	}

	@Override
	public Mono<Transfer> lock(TransferId id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM transfer.transfers WHERE id = $1 FOR UPDATE")
			.bind(0, id.value())
			.map((row) -> transfer(row))
			.one();
	}

	@Override
	public Mono<Boolean> finish(Transfer t) {
		DatabaseClient.GenericExecuteSpec update = this.db
			.sql("UPDATE transfer.transfers SET state = $2, reason = $3, replied_at = $4, finished_at = $5 "
					+ "WHERE id = $1 AND state IN ('awaiting_otp', 'awaiting_consent')")
			.bind(0, t.id().value())
			.bind(1, lower(t.state()));
		update = bindNullable(update, 2, t.reason(), String.class);
		update = bindNullable(update, 3, at(t.repliedAt()), OffsetDateTime.class);
		update = bindNullable(update, 4, at(t.finishedAt()), OffsetDateTime.class);
		return update.fetch().rowsUpdated().map((rows) -> rows == 1);
	}

	@Override
	public Mono<Void> otpRequested(TransferId id, OtpRequestId request) {
		return this.db.sql("UPDATE transfer.transfers SET otp_request_id = $2 WHERE id = $1")
			.bind(0, id.value())
			.bind(1, request.value())
			.then();
	}

	@Override
	public Mono<Transfer> lockByOtpRequest(OtpRequestId request) {
		return this.db.sql("SELECT " + COLUMNS + " FROM transfer.transfers WHERE otp_request_id = $1 FOR UPDATE")
			.bind(0, request.value())
			.map((row) -> transfer(row))
			.one();
	}

	@Override
	public Mono<Boolean> consentRequested(TransferId id, byte[] codeHash, SmsMessageId message) {
		return this.db
			.sql("UPDATE transfer.transfers SET state = 'awaiting_consent', code_hash = $2, consent_message_id = $3 "
					+ "WHERE id = $1 AND state = 'awaiting_otp'")
			.bind(0, id.value())
			.bind(1, codeHash)
			.bind(2, message.value())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	@Override
	public Mono<Void> wrongCode(TransferId id) {
		return this.db.sql("UPDATE transfer.transfers SET wrong_codes = wrong_codes + 1 WHERE id = $1")
			.bind(0, id.value())
			.then();
	}

	@Override
	public Mono<Void> recordReply(TransferId id, ReplyRecord reply) {
		return this.db
			.sql("INSERT INTO transfer.replies (transfer_id, received_at, sender_masked, outcome) "
					+ "VALUES ($1, $2, $3, $4)")
			.bind(0, id.value())
			.bind(1, at(reply.receivedAt()))
			.bind(2, reply.senderMasked())
			.bind(3, reply.outcome())
			.then();
	}

	@Override
	public Flux<ReplyRecord> replies(TransferId id) {
		return this.db
			.sql("SELECT received_at, sender_masked, outcome FROM transfer.replies WHERE transfer_id = $1 ORDER BY id")
			.bind(0, id.value())
			.map((row) -> new ReplyRecord(Rows.instant(row.get("received_at")), row.get("sender_masked", String.class),
					row.get("outcome", String.class)))
			.all();
	}

	@Override
	public Mono<List<Transfer>> lockExpired(Instant now, Instant consentDeadline, int limit) {
		return this.db
			.sql("SELECT " + COLUMNS + " FROM transfer.transfers WHERE ((state = 'awaiting_otp' AND expires_at < $1) "
					+ "OR (state = 'awaiting_consent' AND expires_at < $2)) "
					+ "ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED")
			.bind(0, at(now))
			.bind(1, at(consentDeadline))
			.bind(2, limit)
			.map((row) -> transfer(row))
			.all()
			.collectList();
	}

	@Override
	public Mono<List<Transfer>> lockDueForArsCall(Instant requestedBefore, Instant now, int limit) {
		// a transfer another sweep has just called was updated (ars_verification_id): the
		// lock re-reads it and the condition drops it, so it is called once
		return this.db
			.sql("SELECT " + COLUMNS + " FROM transfer.transfers WHERE state = 'awaiting_consent' "
					+ "AND ars_verification_id IS NULL AND requested_at <= $1 AND expires_at > $2 "
					+ "ORDER BY requested_at LIMIT $3 FOR UPDATE SKIP LOCKED")
			.bind(0, at(requestedBefore))
			.bind(1, at(now))
			.bind(2, limit)
			.map((row) -> transfer(row))
			.all()
			.collectList();
	}

	@Override
	public Mono<Void> arsCallRequested(TransferId id, VerificationId call, Instant requestedAt) {
		return this.db
			.sql("UPDATE transfer.transfers SET ars_verification_id = $2, ars_requested_at = $3 "
					+ "WHERE id = $1 AND ars_verification_id IS NULL")
			.bind(0, id.value())
			.bind(1, call.value())
			.bind(2, at(requestedAt))
			.then();
	}

	@Override
	public Mono<Transfer> lockByArsCall(VerificationId call) {
		return this.db.sql("SELECT " + COLUMNS + " FROM transfer.transfers WHERE ars_verification_id = $1 FOR UPDATE")
			.bind(0, call.value())
			.map((row) -> transfer(row))
			.one();
	}

	@Override
	public Mono<ArsCall> arsCallEnded(VerificationId call, Instant endedAt, String outcome,
			@Nullable String scenarioResult, @Nullable Integer sipStatus, @Nullable Long ringingMillis,
			@Nullable Long answerMillis, long totalMillis) {
		DatabaseClient.GenericExecuteSpec update = this.db
			.sql("UPDATE transfer.transfers SET ars_ended_at = $2, ars_outcome = $3, ars_result = $4, "
					+ "ars_sip_status = $5, ars_ringing_millis = $6, ars_answer_millis = $7, ars_total_millis = $8 "
					+ "WHERE ars_verification_id = $1 AND ars_ended_at IS NULL")
			.bind(0, call.value())
			.bind(1, at(endedAt))
			.bind(2, outcome);
		update = bindNullable(update, 3, scenarioResult, String.class);
		update = bindNullable(update, 4, sipStatus, Integer.class);
		update = bindNullable(update, 5, ringingMillis, Long.class);
		update = bindNullable(update, 6, answerMillis, Long.class);
		update = update.bind(7, totalMillis);
		return update.then()
			.then(this.db.sql(ARS_CALL_SELECT + "WHERE ars_verification_id = $1")
				.bind(0, call.value())
				.map((row) -> arsCall(row))
				.one());
	}

	@Override
	public Mono<ArsCall> arsCall(TransferId id) {
		return this.db.sql(ARS_CALL_SELECT + "WHERE id = $1 AND ars_verification_id IS NOT NULL")
			.bind(0, id.value())
			.map((row) -> arsCall(row))
			.one();
	}

	private static final String ARS_CALL_SELECT = "SELECT ars_verification_id, ars_requested_at, ars_ended_at, "
			+ "ars_outcome, ars_result, ars_sip_status, ars_ringing_millis, ars_answer_millis, ars_total_millis "
			+ "FROM transfer.transfers ";

	private static ArsCall arsCall(Readable row) {
		return new ArsCall(new VerificationId(row.get("ars_verification_id", UUID.class)),
				Rows.instant(row.get("ars_requested_at")), Rows.instant(row.get("ars_ended_at")),
				row.get("ars_outcome", String.class), row.get("ars_result", String.class),
				row.get("ars_sip_status", Integer.class), row.get("ars_ringing_millis", Long.class),
				row.get("ars_answer_millis", Long.class), row.get("ars_total_millis", Long.class), false);
	}

	@Override
	public Mono<Void> recordSms(SmsMessageId message, TransferId transfer, SmsPurpose purpose, Instant now) {
		return this.db
			.sql("INSERT INTO transfer.sms_messages (message_id, transfer_id, purpose, status, updated_at) "
					+ "VALUES ($1, $2, $3, 'requested', $4)")
			.bind(0, message.value())
			.bind(1, transfer.value())
			.bind(2, lower(purpose))
			.bind(3, at(now))
			.then();
	}

	@Override
	public Mono<TransferId> smsStatus(SmsMessageId message, String status, Instant now) {
		return this.db
			.sql("UPDATE transfer.sms_messages SET status = $2, updated_at = $3 WHERE message_id = $1 "
					+ "RETURNING transfer_id, purpose")
			.bind(0, message.value())
			.bind(1, status)
			.bind(2, at(now))
			.map((row) -> "consent".equals(row.get("purpose", String.class))
					? new TransferId(row.get("transfer_id", UUID.class)) : NOT_CONSENT)
			.one()
			.filter((id) -> id != NOT_CONSENT);
	}

	@Override
	public Mono<Boolean> known(TransferId id) {
		return this.db
			.sql("SELECT EXISTS (SELECT 1 FROM transfer.transfers WHERE id = $1) "
					+ "OR EXISTS (SELECT 1 FROM transfer.unstarted_requests WHERE transfer_id = $1) AS known")
			.bind(0, id.value())
			.map((row) -> row.get("known", Boolean.class))
			.one();
	}

	@Override
	public Mono<Boolean> recordUnstarted(TransferId id, MerchantId merchant, boolean canceled, String reason,
			Instant now) {
		return this.db
			.sql("INSERT INTO transfer.unstarted_requests (transfer_id, merchant_id, outcome, reason, decided_at) "
					+ "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
			.bind(0, id.value())
			.bind(1, merchant.value())
			.bind(2, canceled ? "canceled" : "refused")
			.bind(3, reason)
			.bind(4, at(now))
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	private static final TransferId NOT_CONSENT = new TransferId(new UUID(0, 0));

	@Override
	public Flux<MonthlyCount> monthlyCounts(YearMonth from, YearMonth to) {
		return this.db.sql("""
				SELECT to_char(date_trunc('month', requested_at AT TIME ZONE 'Asia/Seoul'), 'YYYY-MM') AS month, mode,
				       count(*) AS requested, count(*) FILTER (WHERE state = 'executed') AS executed
				FROM transfer.transfers
				WHERE requested_at >= $1 AND requested_at < $2
				GROUP BY 1, 2 ORDER BY 1, 2
				""")
			.bind(0, seoulStart(from))
			.bind(1, seoulStart(to.plusMonths(1)))
			.map((row) -> new MonthlyCount(YearMonth.parse(row.get("month", String.class)),
					TransferMode.valueOf(row.get("mode", String.class).toUpperCase(Locale.ROOT)),
					row.get("requested", Long.class), row.get("executed", Long.class)))
			.all();
	}

	/** Table 4 counts by the bank's calendar: months begin at midnight in Seoul. */
	private static OffsetDateTime seoulStart(YearMonth month) {
		return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.ofHours(9));
	}

	private static Transfer transfer(Readable row) {
		String purposeType = row.get("purpose", String.class);
		Purpose purpose = (purposeType != null)
				? new Purpose(Purpose.Type.valueOf(purposeType.toUpperCase(Locale.ROOT)),
						row.get("repayment_date", LocalDate.class), row.get("conditions", String.class))
				: null;
		String phone = row.get("recipient_phone", String.class);
		String nameCheck = row.get("name_check", String.class);
		Object codeHash = row.get("code_hash");
		UUID message = row.get("consent_message_id", UUID.class);
		String merchant = row.get("merchant_id", String.class);
		return new Transfer(new TransferId(row.get("id", UUID.class)),
				TransferMode.valueOf(row.get("mode", String.class).toUpperCase(Locale.ROOT)), purpose,
				new AccountNumber(row.get("from_account", String.class)), row.get("to_bank", String.class),
				new AccountNumber(row.get("to_account", String.class)), row.get("amount", Long.class),
				(phone != null) ? PhoneNumber.parse(phone) : null,
				(nameCheck != null) ? new NameCheck(NameCheck.Result.valueOf(nameCheck.toUpperCase(Locale.ROOT)), null)
						: null,
				TransferState.valueOf(row.get("state", String.class).toUpperCase(Locale.ROOT)),
				row.get("reason", String.class), (codeHash != null) ? Rows.bytes(codeHash) : null,
				row.get("wrong_codes", Integer.class), (message != null) ? new SmsMessageId(message) : null,
				Rows.instant(row.get("requested_at")), Rows.instant(row.get("expires_at")),
				Rows.instant(row.get("replied_at")), Rows.instant(row.get("finished_at")),
				(merchant != null) ? MerchantId.of(merchant) : null);
	}

	private static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, int index,
			@Nullable T value, Class<T> type) {
		return (value != null) ? spec.bind(index, value) : spec.bindNull(index, type);
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	private static @Nullable OffsetDateTime at(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
