package com.phoneverify.gateway.outbox;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Where features put the events they publish. */
@Component
public class Outbox {

	private final DatabaseClient db;

	private final OutboxRelay relay;

	Outbox(DatabaseClient db, OutboxRelay relay) {
		this.db = db;
		this.relay = relay;
	}

	/** Adds a message in the caller's transaction; it is relayed once committed. */
	public Mono<Void> enqueue(OutboxMessage message) {
		return this.db.sql("INSERT INTO gateway.outbox (topic, message_key, payload) VALUES ($1, $2, $3)")
			.bind(0, message.topic())
			.bind(1, message.key())
			.bind(2, message.payload())
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
