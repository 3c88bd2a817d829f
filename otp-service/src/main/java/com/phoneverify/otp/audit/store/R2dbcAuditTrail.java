package com.phoneverify.otp.audit.store;

import java.time.ZoneOffset;
import java.util.UUID;

import com.phoneverify.messaging.support.Rows;
import com.phoneverify.otp.audit.AuditEntry;
import com.phoneverify.otp.audit.AuditTrail;
import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.channel.Operation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/** {@link AuditTrail} on {@code otp.audit_events}. */
public final class R2dbcAuditTrail implements AuditTrail {

	private final DatabaseClient db;

	public R2dbcAuditTrail(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Void> append(AuditEntry entry) {
		DatabaseClient.GenericExecuteSpec insert = this.db.sql(
				"insert into otp.audit_events (at, merchant, actor, channel, operation, outcome, customer_key, token_id, device) "
						+ "values (:at, :merchant, :actor, :channel, :operation, :outcome, :customer, :token, :device)")
			.bind("at", entry.at().atOffset(ZoneOffset.UTC))
			.bind("merchant", entry.merchant())
			.bind("actor", entry.actor())
			.bind("channel", entry.channel().name())
			.bind("operation", entry.operation())
			.bind("outcome", entry.outcome())
			.bind("customer", entry.customerKey());
		insert = (entry.tokenId() != null) ? insert.bind("token", entry.tokenId())
				: insert.bindNull("token", UUID.class);
		insert = (entry.device() != null) ? insert.bind("device", entry.device())
				: insert.bindNull("device", String.class);
		return insert.then();
	}

	@Override
	public Flux<AuditEntry> historyOfDevice(String device, String merchant) {
		return this.db.sql("select * from otp.audit_events where device = :device and merchant = :merchant order by id")
			.bind("device", device)
			.bind("merchant", merchant)
			.map((row) -> new AuditEntry(Rows.instant(row.get("at")), row.get("merchant", String.class),
					row.get("actor", String.class), Channel.valueOf(row.get("channel", String.class)),
					row.get("operation", String.class), row.get("outcome", String.class),
					row.get("customer_key", String.class), row.get("token_id", UUID.class),
					row.get("device", String.class)))
			.all();
	}

	@Override
	public Flux<UUID> registrationsOfDevice(String device, String merchant) {
		return this.db
			.sql("select distinct token_id from otp.audit_events where device = :device and merchant = :merchant"
					+ " and operation = :operation and outcome = 'DONE' and token_id is not null")
			.bind("device", device)
			.bind("merchant", merchant)
			.bind("operation", Operation.REGISTER_HARDWARE.name())
			.map((row) -> row.get("token_id", UUID.class))
			.all();
	}

}
