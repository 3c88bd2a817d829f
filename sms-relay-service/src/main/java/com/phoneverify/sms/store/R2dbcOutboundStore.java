package com.phoneverify.sms.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.sms.outbound.OutboundStore;
import com.phoneverify.sms.smsc.Receipt;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/** {@link OutboundStore} on PostgreSQL. */
public final class R2dbcOutboundStore implements OutboundStore {

	/** Intake refusals: stored, but never sent, so not counted against a recipient. */
	private static final String SENT_OR_SENDING = "NOT (status IN ('failed', 'expired') AND attempts = 0)";

	private final DatabaseClient db;

	public R2dbcOutboundStore(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Void> registerSenders(Collection<String> numbers) {
		return Flux.fromIterable(numbers)
			.concatMap((number) -> this.db
				.sql("INSERT INTO sms.sender_numbers (number) VALUES ($1) ON CONFLICT (number) DO NOTHING")
				.bind(0, number)
				.then())
			.then();
	}

	@Override
	public Mono<Boolean> isRegisteredSender(String number) {
		return this.db.sql("SELECT 1 FROM sms.sender_numbers WHERE number = $1")
			.bind(0, number)
			.map((row) -> true)
			.first()
			.defaultIfEmpty(false);
	}

	@Override
	public Mono<Void> lockRecipient(String recipientKey) {
		return this.db.sql("SELECT pg_advisory_xact_lock(hashtext($1))::text")
			.bind(0, "sms-recipient:" + recipientKey)
			.map((row) -> 1)
			.first()
			.then();
	}

	@Override
	public Mono<Long> countSince(String recipientKey, Instant since) {
		return this.db
			.sql("SELECT count(*) AS n FROM sms.messages WHERE recipient_key = $1 AND created_at >= $2 AND "
					+ SENT_OR_SENDING)
			.bind(0, recipientKey)
			.bind(1, since)
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	@Override
	public Mono<Boolean> insert(NewMessage message) {
		DatabaseClient.GenericExecuteSpec insert = this.db.sql("""
				INSERT INTO sms.messages (id, sender_number, recipient_key, recipient, body, reply_for, status,
				  error_code, next_attempt_at, expires_at, traceparent, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $9, $9)
				ON CONFLICT (id) DO NOTHING""")
			.bind(0, message.id())
			.bind(1, message.senderNumber())
			.bind(2, message.recipientKey())
			.bind(3, message.recipient())
			.bind(4, message.body());
		insert = (message.replyFor() != null) ? insert.bind(5, message.replyFor()) : insert.bindNull(5, UUID.class);
		return insert.bind(6, status(message.status()))
			.bind(7, Parameters.in(R2dbcType.VARCHAR, message.errorCode()))
			.bind(8, message.now())
			.bind(9, message.expiresAt())
			.bind(10, Parameters.in(R2dbcType.VARCHAR, message.traceparent()))
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	@Override
	public Mono<Set<String>> registeredSenders(Collection<String> numbers) {
		if (numbers.isEmpty()) {
			return Mono.just(Set.of());
		}
		return this.db.sql("SELECT number FROM sms.sender_numbers WHERE number = ANY($1)")
			.bind(0, numbers.toArray(new String[0]))
			.map((row) -> row.get("number", String.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

	@Override
	public Mono<Void> lockRecipients(Collection<String> recipientKeys) {
		if (recipientKeys.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				SELECT count(pg_advisory_xact_lock(hashtext('sms-recipient:' || k)))::text AS n
				FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) keys""")
			.bind(0, recipientKeys.toArray(new String[0]))
			.map((row) -> 1)
			.first()
			.then();
	}

	@Override
	public Mono<Map<String, RecipientCounts>> countsSince(Collection<String> recipientKeys, Instant hourAgo,
			Instant dayAgo) {
		if (recipientKeys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db
			.sql("SELECT recipient_key, count(*) FILTER (WHERE created_at >= $2) AS hour, count(*) AS day "
					+ "FROM sms.messages WHERE recipient_key = ANY($1) AND created_at >= $3 AND " + SENT_OR_SENDING
					+ " GROUP BY recipient_key")
			.bind(0, recipientKeys.toArray(new String[0]))
			.bind(1, hourAgo)
			.bind(2, dayAgo)
			.map((row) -> Map.entry(row.get("recipient_key", String.class),
					new RecipientCounts(row.get("hour", Long.class), row.get("day", Long.class))))
			.all()
			.collect(HashMap::new, (counts, entry) -> counts.put(entry.getKey(), entry.getValue()));
	}

	@Override
	public Mono<Set<UUID>> insertAll(List<NewMessage> messages) {
		if (messages.isEmpty()) {
			return Mono.just(Set.of());
		}
		int size = messages.size();
		UUID[] ids = new UUID[size];
		String[] senders = new String[size];
		String[] recipientKeys = new String[size];
		String[] recipients = new String[size];
		String[] bodies = new String[size];
		UUID[] replyFor = new UUID[size];
		String[] statuses = new String[size];
		String[] errorCodes = new String[size];
		// instants as ISO-8601 text, cast by PostgreSQL: every driver binds text[]
		String[] expiresAt = new String[size];
		String[] traceparents = new String[size];
		String[] now = new String[size];
		UUID[] claimedBy = new UUID[size];
		for (int i = 0; i < size; i++) {
			NewMessage message = messages.get(i);
			ids[i] = message.id();
			senders[i] = message.senderNumber();
			recipientKeys[i] = message.recipientKey();
			recipients[i] = message.recipient();
			bodies[i] = message.body();
			replyFor[i] = message.replyFor();
			statuses[i] = status(message.status());
			errorCodes[i] = message.errorCode();
			expiresAt[i] = message.expiresAt().toString();
			traceparents[i] = message.traceparent();
			now[i] = message.now().toString();
			claimedBy[i] = (message.status() == SmsDeliveryStatus.QUEUED) ? message.claimedBy() : null;
		}
		return this.db.sql("""
				INSERT INTO sms.messages (id, sender_number, recipient_key, recipient, body, reply_for, status,
				  error_code, next_attempt_at, expires_at, traceparent, created_at, updated_at, claimed_by,
				  claimed_at, attempts)
				SELECT id, sender, recipient_key, recipient, body, reply_for,
				  CASE WHEN claimed_by IS NULL THEN status ELSE 'submitting' END, error_code, at::timestamptz,
				  expires_at::timestamptz, traceparent, at::timestamptz, at::timestamptz, claimed_by,
				  CASE WHEN claimed_by IS NULL THEN NULL ELSE at::timestamptz END,
				  CASE WHEN claimed_by IS NULL THEN 0 ELSE 1 END
				FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[],
				  $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[])
				  AS m(id, sender, recipient_key, recipient, body, reply_for, status, error_code, at, expires_at,
				  traceparent, claimed_by)
				ON CONFLICT (id) DO NOTHING
				RETURNING id""")
			.bind(0, ids)
			.bind(1, senders)
			.bind(2, recipientKeys)
			.bind(3, recipients)
			.bind(4, bodies)
			.bind(5, replyFor)
			.bind(6, statuses)
			.bind(7, errorCodes)
			.bind(8, now)
			.bind(9, expiresAt)
			.bind(10, traceparents)
			.bind(11, claimedBy)
			.map((row) -> row.get("id", UUID.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

	@Override
	public Flux<ClaimedMessage> claim(UUID owner, int limit, Instant now) {
		return this.db.sql("""
				UPDATE sms.messages m
				SET status = 'submitting', claimed_by = $1, claimed_at = $2, attempts = m.attempts + 1, updated_at = $2
				FROM (SELECT id FROM sms.messages WHERE status = 'queued' AND next_attempt_at <= $2
				      ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
				WHERE m.id = due.id
				RETURNING m.id, m.sender_number, m.recipient, m.body, m.expires_at, m.claimed_at, m.attempts,
				  m.traceparent""")
			.bind(0, owner)
			.bind(1, now)
			.bind(2, limit)
			.map((row) -> new ClaimedMessage(row.get("id", UUID.class), row.get("sender_number", String.class),
					row.get("recipient", String.class), row.get("body", String.class), instant(row, "expires_at"),
					instant(row, "claimed_at"), row.get("attempts", Integer.class),
					row.get("traceparent", String.class)))
			.all();
	}

	@Override
	public Flux<StatusChange> submittedAll(UUID owner, List<SubmittedMessage> messages, Instant now) {
		if (messages.isEmpty()) {
			return Flux.empty();
		}
		List<String> smscIds = new java.util.ArrayList<>();
		List<UUID> partOf = new java.util.ArrayList<>();
		List<Integer> partNumbers = new java.util.ArrayList<>();
		for (SubmittedMessage message : messages) {
			for (int part = 0; part < message.smscMessageIds().size(); part++) {
				smscIds.add(message.smscMessageIds().get(part));
				partOf.add(message.messageId());
				partNumbers.add(part + 1);
			}
		}
		String[] ids = smscIds.toArray(new String[0]);
		// in one order, so that two transactions never wait for each other's locks in a
		// cycle
		Mono<Void> lock = this.db.sql("""
				SELECT count(pg_advisory_xact_lock(hashtext('smsc-id:' || id)))::text AS n
				FROM (SELECT unnest($1::text[]) AS id ORDER BY 1) ids""").bind(0, ids).map((row) -> 1).first().then();
		Mono<Void> insert = this.db.sql("""
				INSERT INTO sms.smsc_ids (smsc_message_id, message_id, part)
				SELECT * FROM unnest($1::text[], $2::uuid[], $3::int[]) ON CONFLICT DO NOTHING""")
			.bind(0, ids)
			.bind(1, partOf.toArray(new UUID[0]))
			.bind(2, partNumbers.toArray(new Integer[0]))
			.then();
		// a claim matched by its owner only, so that the primary key is the only way in
		// (V4__claimed_by_means_submitting.sql)
		Flux<StatusChange> submitted = this.db.sql("""
				UPDATE sms.messages m SET status = 'submitted', parts = u.parts, claimed_by = NULL, updated_at = $4
				FROM unnest($1::uuid[], $2::int[]) AS u(id, parts)
				WHERE m.id = u.id AND m.claimed_by = $3
				RETURNING m.id, m.traceparent""")
			.bind(0, messages.stream().map(SubmittedMessage::messageId).toArray(UUID[]::new))
			.bind(1, messages.stream().map((message) -> message.smscMessageIds().size()).toArray(Integer[]::new))
			.bind(2, owner)
			.bind(3, now)
			.map((row) -> new StatusChange(row.get("id", UUID.class), SmsDeliveryStatus.SUBMITTED, null,
					row.get("traceparent", String.class)))
			.all()
			// read every row before the caller runs its next statement on this connection
			// (the outbox insert): one connection serves one statement at a time
			.collectList()
			.flatMapMany(Flux::fromIterable);
		return lock.then(insert).thenMany(submitted.concatWith(earlyReceipts(ids, now)));
	}

	private Flux<StatusChange> earlyReceipts(String[] smscIds, Instant now) {
		return this.db
			.sql("DELETE FROM sms.unmatched_receipts WHERE smsc_message_id = ANY($1) "
					+ "RETURNING smsc_message_id, state, error_code")
			.bind(0, smscIds)
			.map((row) -> new Receipt(row.get("smsc_message_id", String.class),
					Receipt.State.valueOf(row.get("state", String.class)), row.get("error_code", String.class)))
			.all()
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap((receipt) -> applyReceipt(receipt, now));
	}

	@Override
	public Mono<Void> requeue(UUID messageId, UUID owner, Instant nextAttemptAt, Instant now) {
		return this.db.sql("""
				UPDATE sms.messages SET status = 'queued', claimed_by = NULL, next_attempt_at = $3, updated_at = $4
				WHERE id = $1 AND claimed_by = $2""")
			.bind(0, messageId)
			.bind(1, owner)
			.bind(2, nextAttemptAt)
			.bind(3, now)
			.then();
	}

	@Override
	public Mono<StatusChange> finish(UUID messageId, UUID owner, SmsDeliveryStatus status, @Nullable String errorCode,
			Instant now) {
		return this.db.sql("""
				UPDATE sms.messages SET status = $3, error_code = $4, claimed_by = NULL, updated_at = $5
				WHERE id = $1 AND claimed_by = $2
				RETURNING traceparent""")
			.bind(0, messageId)
			.bind(1, owner)
			.bind(2, status(status))
			.bind(3, Parameters.in(R2dbcType.VARCHAR, errorCode))
			.bind(4, now)
			.map((row) -> new StatusChange(messageId, status, errorCode, row.get("traceparent", String.class)))
			.first();
	}

	@Override
	public Mono<StatusChange> applyReceipt(Receipt receipt, Instant now) {
		Mono<UUID> part = this.db
			.sql("UPDATE sms.smsc_ids SET receipt_state = $2 WHERE smsc_message_id = $1 AND receipt_state IS NULL "
					+ "RETURNING message_id")
			.bind(0, receipt.smscMessageId())
			.bind(1, receipt.state().name())
			.map((row) -> row.get("message_id", UUID.class))
			.first();
		Mono<StatusChange> keepForLater = this.db.sql("SELECT 1 FROM sms.smsc_ids WHERE smsc_message_id = $1")
			.bind(0, receipt.smscMessageId())
			.map((row) -> true)
			.first()
			.switchIfEmpty(this.db.sql("""
					INSERT INTO sms.unmatched_receipts (smsc_message_id, state, error_code, received_at)
					VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING""")
				.bind(0, receipt.smscMessageId())
				.bind(1, receipt.state().name())
				.bind(2, Parameters.in(R2dbcType.VARCHAR, receipt.errorCode()))
				.bind(3, now)
				.then()
				.thenReturn(false))
			.then(Mono.empty());
		return lock(receipt.smscMessageId())
			.then(part.flatMap((messageId) -> messageReceipted(messageId, receipt, now)).switchIfEmpty(keepForLater));
	}

	private Mono<StatusChange> messageReceipted(UUID messageId, Receipt receipt, Instant now) {
		if (receipt.state() == Receipt.State.DELIVERED) {
			return this.db.sql("""
					UPDATE sms.messages SET parts_delivered = parts_delivered + 1,
					  status = CASE WHEN parts_delivered + 1 >= parts THEN 'delivered' ELSE status END, updated_at = $2
					WHERE id = $1 AND status = 'submitted'
					RETURNING status, traceparent""")
				.bind(0, messageId)
				.bind(1, now)
				.map((row) -> "delivered".equals(row.get("status", String.class))
						? Optional.of(new StatusChange(messageId, SmsDeliveryStatus.DELIVERED, null,
								row.get("traceparent", String.class)))
						: Optional.<StatusChange>empty())
				.first()
				.flatMap(Mono::justOrEmpty);
		}
		SmsDeliveryStatus status = (receipt.state() == Receipt.State.EXPIRED) ? SmsDeliveryStatus.EXPIRED
				: SmsDeliveryStatus.FAILED;
		String error = (status == SmsDeliveryStatus.FAILED) ? receipt.errorCode() : null;
		return this.db.sql("""
				UPDATE sms.messages SET status = $2, error_code = $3, updated_at = $4
				WHERE id = $1 AND status = 'submitted'
				RETURNING traceparent""")
			.bind(0, messageId)
			.bind(1, status(status))
			.bind(2, Parameters.in(R2dbcType.VARCHAR, error))
			.bind(3, now)
			.map((row) -> new StatusChange(messageId, status, error, row.get("traceparent", String.class)))
			.first();
	}

	@Override
	public Mono<Long> releaseStale(Instant claimedBefore, Instant now) {
		return this.db.sql("""
				UPDATE sms.messages SET status = 'queued', claimed_by = NULL, next_attempt_at = $2, updated_at = $2
				WHERE status = 'submitting' AND claimed_at < $1""")
			.bind(0, claimedBefore)
			.bind(1, now)
			.fetch()
			.rowsUpdated();
	}

	@Override
	public Mono<Void> renewLease(UUID owner) {
		return this.db.sql("""
				INSERT INTO sms.dispatchers (owner, renewed_at) VALUES ($1, now())
				ON CONFLICT (owner) DO UPDATE SET renewed_at = now()""").bind(0, owner).then();
	}

	@Override
	public Mono<Long> releaseLapsed(Duration lease, Instant now) {
		Mono<Long> released = this.db.sql("""
				UPDATE sms.messages m SET status = 'queued', claimed_by = NULL, next_attempt_at = $2, updated_at = $2
				WHERE m.status = 'submitting' AND NOT EXISTS (
				  SELECT 1 FROM sms.dispatchers d
				  WHERE d.owner = m.claimed_by AND d.renewed_at > now() - $1 * interval '1 millisecond')""")
			.bind(0, lease.toMillis())
			.bind(1, now)
			.fetch()
			.rowsUpdated();
		// a lease lapsed ten times over belongs to an instance that is gone for good
		Mono<Void> forget = this.db
			.sql("DELETE FROM sms.dispatchers WHERE renewed_at < now() - $1 * interval '1 millisecond'")
			.bind(0, lease.multipliedBy(10).toMillis())
			.then();
		return released.flatMap((count) -> forget.thenReturn(count));
	}

	@Override
	public Mono<Void> dropLease(UUID owner) {
		return this.db.sql("DELETE FROM sms.dispatchers WHERE owner = $1").bind(0, owner).then();
	}

	@Override
	public Mono<Long> purgeUnmatchedReceipts(Instant receivedBefore) {
		return this.db.sql("DELETE FROM sms.unmatched_receipts WHERE received_at < $1")
			.bind(0, receivedBefore)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Orders a receipt and the recording of its SMSC id (both take this lock), so that a
	 * receipt never slips between "no such id" and "id recorded".
	 */
	private Mono<Void> lock(String smscMessageId) {
		return this.db.sql("SELECT pg_advisory_xact_lock(hashtext($1))::text")
			.bind(0, "smsc-id:" + smscMessageId)
			.map((row) -> 1)
			.first()
			.then();
	}

	private static String status(SmsDeliveryStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	private static Instant instant(Readable row, String column) {
		return row.get(column, OffsetDateTime.class).toInstant();
	}

}
