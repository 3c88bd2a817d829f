package com.phoneverify.ars.call;

import reactor.core.publisher.Flux;

/** A call placed through a {@link Trunk}. Thread-safe. */
public interface OutboundCall {

	/**
	 * What happens to the call: zero or more {@link CallEvent.Ringing}, at most one
	 * {@link CallEvent.Answered}, then exactly one {@link CallEvent.Ended} and
	 * completion. Every subscriber sees every event from the start (replayed).
	 */
	Flux<CallEvent> events();

	/**
	 * Ends the call from our side: CANCEL while it rings, BYE once answered. Idempotent;
	 * returns at once, the {@link CallEvent.Ended} event follows.
	 */
	void hangUp();

}
