package com.phoneverify.messaging.outbox;

import com.phoneverify.messaging.support.TableName;
import io.r2dbc.spi.Parameters;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Where a service puts the events it publishes: rows of its outbox table
 * ({@code messaging.outbox.table}), written in the caller's transaction.
 */
public class Outbox {

	private final DatabaseClient db;

	private final OutboxRelay relay;

	private final String insert;

	Outbox(DatabaseClient db, OutboxRelay relay, TableName table) {
		this.db = db;
		this.relay = relay;
		this.insert = "INSERT INTO " + table + " (topic, message_key, payload, traceparent) VALUES ($1, $2, $3, $4)";
	}

	/** Adds a message in the caller's transaction; it is relayed once committed. */
	public Mono<Void> enqueue(OutboxMessage message) {
		this.relay.checkDeclared(message.topic());
		return this.db.sql(this.insert)
			.bind(0, message.topic())
			.bind(1, message.key())
			.bind(2, message.payload())
			.bind(3, Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, message.traceparent()))
			.then();
	}

	/**
	 * Tells the relay that rows were committed, so it publishes them now instead of at
	 * the next poll. Cheap; call it after the commit.
	 */
	public void committed() {
		this.relay.wake();
	}

}
