package com.phoneverify.ars.request;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallCompleted;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A {@link CallLog} in memory, for unit tests (no heartbeats, no orphans). */
final class InMemoryCallLog implements CallLog {

	private final Map<VerificationId, Row> rows = new ConcurrentHashMap<>();

	@Override
	public Mono<Known> receive(UUID eventId, VerificationId verificationId, MerchantId merchantId,
			@Nullable String traceparent, Instant expiresAt) {
		return Mono.fromSupplier(() -> {
			Row fresh = new Row();
			Row row = this.rows.putIfAbsent(verificationId, fresh);
			return (row == null) ? new Known(State.NEW, null) : new Known(row.state, row.event);
		});
	}

	@Override
	public synchronized Mono<Boolean> claim(VerificationId verificationId) {
		return Mono.fromSupplier(() -> move(verificationId, State.RECEIVED, State.DIALING, null));
	}

	@Override
	public Mono<Boolean> ended(EventEnvelope<CallCompleted> event) {
		return Mono.fromSupplier(() -> move(event.payload().verificationId(), State.RECEIVED, State.ENDED, event)
				|| move(event.payload().verificationId(), State.DIALING, State.ENDED, event));
	}

	@Override
	public Mono<Void> published(VerificationId verificationId) {
		return Mono.fromRunnable(() -> move(verificationId, State.ENDED, State.PUBLISHED, null));
	}

	@Override
	public Mono<Void> heartbeat() {
		return Mono.empty();
	}

	@Override
	public Flux<Orphan> orphans(Instant staleBefore, Instant expiredBefore) {
		return Flux.empty();
	}

	@Override
	public Mono<Boolean> endOrphan(EventEnvelope<CallCompleted> event, Instant staleBefore, Instant expiredBefore) {
		return Mono.just(false);
	}

	@Override
	public Flux<EventEnvelope<CallCompleted>> unpublished(Instant endedBefore) {
		return Flux.empty();
	}

	State state(VerificationId id) {
		return this.rows.get(id).state;
	}

	private synchronized boolean move(VerificationId id, State from, State to,
			@Nullable EventEnvelope<CallCompleted> event) {
		Row row = this.rows.get(id);
		if (row == null || row.state != from) {
			return false;
		}
		row.state = to;
		if (event != null) {
			row.event = event;
		}
		return true;
	}

	private static final class Row {

		private State state = State.RECEIVED;

		private @Nullable EventEnvelope<CallCompleted> event;

	}

}
