package com.phoneverify.messaging.outbox;

import java.util.ArrayList;
import java.util.List;

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

	private final String table;

	Outbox(DatabaseClient db, OutboxRelay relay, TableName table) {
		this.db = db;
		this.relay = relay;
		this.table = table.toString();
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
	 * Adds messages in the caller's transaction in one statement, in the list's order
	 * (they are relayed in that order, as if enqueued one after another), up to
	 * {@value PackedMessages#MAX_PER_ROW} to a row ({@link PackedMessages}).
	 */
	public Mono<Void> enqueueAll(List<OutboxMessage> messages) {
		if (messages.isEmpty()) {
			return Mono.empty();
		}
		messages.forEach((message) -> this.relay.checkDeclared(message.topic()));
		return insert(packed(messages));
	}

	private static List<OutboxMessage> packed(List<OutboxMessage> messages) {
		List<OutboxMessage> rows = new ArrayList<>();
		for (int from = 0; from < messages.size(); from += PackedMessages.MAX_PER_ROW) {
			List<OutboxMessage> row = messages.subList(from,
					Math.min(messages.size(), from + PackedMessages.MAX_PER_ROW));
			rows.add((row.size() == 1) ? row.get(0)
					: new OutboxMessage(PackedMessages.TOPIC, "", PackedMessages.pack(row), null));
		}
		return rows;
	}

	private Mono<Void> insert(List<OutboxMessage> messages) {
		// one row of placeholders per message: arrays of bytea do not bind on every
		// driver
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(this.table)
			.append(" (topic, message_key, payload, traceparent) VALUES ");
		for (int i = 0; i < messages.size(); i++) {
			int first = i * 4 + 1;
			sql.append((i > 0) ? ", " : "")
				.append("($")
				.append(first)
				.append(", $")
				.append(first + 1)
				.append(", $")
				.append(first + 2)
				.append(", $")
				.append(first + 3)
				.append(')');
		}
		List<Object> values = new ArrayList<>(messages.size() * 4);
		for (OutboxMessage message : messages) {
			values.add(message.topic());
			values.add(message.key());
			values.add(message.payload());
			values.add(Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, message.traceparent()));
		}
		// all at once: bind(index, value) copies the bindings so far, each time
		return this.db.sql(sql.toString()).bindValues(values).then();
	}

	/**
	 * Tells the relay that rows were committed, so it publishes them now instead of at
	 * the next poll. Cheap; call it after the commit.
	 */
	public void committed() {
		this.relay.wake();
	}

}
