package com.phoneverify.sms.store;

import java.time.Instant;
import java.util.UUID;

import com.phoneverify.sms.inbound.InboundStore;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/** {@link InboundStore} on PostgreSQL. */
public final class R2dbcInboundStore implements InboundStore {

	private final DatabaseClient db;

	public R2dbcInboundStore(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Boolean> firstSeen(String fingerprint, Instant now, Instant seenAfter, String outcome) {
		return this.db.sql("""
				INSERT INTO sms.inbound_seen (fingerprint, received_at, outcome) VALUES ($1, $2, $4)
				ON CONFLICT (fingerprint) DO UPDATE SET received_at = excluded.received_at, outcome = excluded.outcome
				WHERE sms.inbound_seen.received_at < $3""")
			.bind(0, fingerprint)
			.bind(1, now)
			.bind(2, seenAfter)
			.bind(3, outcome)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	@Override
	public Mono<AwaitedReply> awaitedReply(String recipientKey, Instant sentAfter) {
		return this.db.sql("""
				SELECT id, reply_for FROM sms.messages
				WHERE recipient_key = $1 AND reply_for IS NOT NULL AND created_at >= $2
				ORDER BY created_at DESC LIMIT 1""")
			.bind(0, recipientKey)
			.bind(1, sentAfter)
			.map((row) -> new AwaitedReply(row.get("id", UUID.class), row.get("reply_for", UUID.class)))
			.first();
	}

}
