package com.phoneverify.sms.outbound;

import java.time.Clock;

import com.phoneverify.sms.smsc.Receipt;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Applies delivery receipts: the part's state and, when it decides the message, the
 * message's final status with its {@code sms-status} event, in one transaction. A receipt
 * is matched by the SMSC's message id stored in the database, so one that arrives after a
 * reconnect or a restart still lands; one that arrives before we recorded the id is kept
 * and applied when we do.
 */
public final class Receipts {

	private final OutboundStore store;

	private final StatusEvents events;

	private final TransactionalOperator tx;

	private final Clock clock;

	public Receipts(OutboundStore store, StatusEvents events, TransactionalOperator tx, Clock clock) {
		this.store = store;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	public Mono<Void> apply(Receipt receipt) {
		return this.tx
			.transactional(this.store.applyReceipt(receipt, this.clock.instant()).flatMap(this.events::enqueue))
			.doOnSuccess((done) -> this.events.committed());
	}

}
