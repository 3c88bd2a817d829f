package com.phoneverify.ars.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.phoneverify.ars.request.CallLog;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.topics.EventTopics;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * {@link CallLog} on the {@code ars.calls} table. Every state change is one conditional
 * {@code UPDATE}, so two instances (or an instance and the sweeper) never both win.
 */
final class R2dbcCallLog implements CallLog {

	private final DatabaseClient db;

	private final EventCodec codec;

	private final Clock clock;

	private final UUID instance;

	private final Scheduler results;

	/**
	 * @param instance this process's id: the owner of the calls it dials
	 * @param results where the call path goes on after a statement: off the R2DBC event
	 * loop, and on a scheduler where Reactor restores the request's trace context in the
	 * MDC
	 */
	R2dbcCallLog(DatabaseClient db, EventCodec codec, Clock clock, UUID instance, Scheduler results) {
		this.db = db;
		this.codec = codec;
		this.clock = clock;
		this.instance = instance;
		this.results = results;
	}

	@Override
	public Mono<Known> receive(UUID eventId, VerificationId verificationId, MerchantId merchantId,
			@Nullable String traceparent, Instant expiresAt) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into ars.calls (verification_id, event_id, merchant_id, traceparent, expires_at, state, "
					+ "received_at, updated_at) values (:id, :event, :merchant, :traceparent, :expires, 'received', "
					+ ":now, :now) on conflict do nothing")
			.bind("id", verificationId.value())
			.bind("event", eventId)
			.bind("merchant", merchantId.value())
			.bind("expires", at(expiresAt))
			.bind("now", now());
		insert = (traceparent != null) ? insert.bind("traceparent", traceparent)
				: insert.bindNull("traceparent", String.class);
		return insert.fetch().rowsUpdated().flatMap((inserted) -> {
			if (inserted > 0) {
				return Mono.just(new Known(State.NEW, null));
			}
			// a duplicate event, or another event of the same verification
			return this.db.sql("select state, completed_event from ars.calls where verification_id = :id")
				.bind("id", verificationId.value())
				.map(this::known)
				.one();
		}).publishOn(this.results);
	}

	private Known known(Readable row) {
		State state = State.valueOf(row.get("state", String.class).toUpperCase(java.util.Locale.ROOT));
		String event = row.get("completed_event", String.class);
		return new Known(state, (event != null) ? decode(event) : null);
	}

	@Override
	public Mono<Boolean> claim(VerificationId verificationId) {
		return this.db
			.sql("update ars.calls set state = 'dialing', owner = :owner, heartbeat_at = :now, updated_at = :now, "
					+ "parked_request = null where verification_id = :id and state = 'received'")
			.bind("owner", this.instance)
			.bind("now", now())
			.bind("id", verificationId.value())
			.fetch()
			.rowsUpdated()
			.map((updated) -> updated > 0)
			.publishOn(this.results);
	}

	@Override
	public Mono<Boolean> ended(EventEnvelope<CallCompleted> event) {
		return end(event, "state in ('received', 'dialing')", null, null);
	}

	@Override
	public Mono<Boolean> endOrphan(EventEnvelope<CallCompleted> event, Instant staleBefore, Instant expiredBefore) {
		return end(event, "state = 'dialing' and heartbeat_at < :stale and expires_at < :expired", staleBefore,
				expiredBefore);
	}

	private Mono<Boolean> end(EventEnvelope<CallCompleted> event, String condition, @Nullable Instant staleBefore,
			@Nullable Instant expiredBefore) {
		DatabaseClient.GenericExecuteSpec update = this.db
			.sql("update ars.calls set state = 'ended', outcome = :outcome, completed_event = :event, "
					+ "updated_at = :now, parked_request = null where verification_id = :id and " + condition)
			.bind("outcome", event.payload().outcome().name().toLowerCase(java.util.Locale.ROOT))
			.bind("event", new String(this.codec.encode(event), StandardCharsets.UTF_8))
			.bind("now", now())
			.bind("id", event.payload().verificationId().value());
		if (staleBefore != null && expiredBefore != null) {
			update = update.bind("stale", at(staleBefore)).bind("expired", at(expiredBefore));
		}
		return update.fetch().rowsUpdated().map((updated) -> updated > 0).publishOn(this.results);
	}

	@Override
	public Mono<Void> published(VerificationId verificationId) {
		return this.db
			.sql("update ars.calls set state = 'published', updated_at = :now "
					+ "where verification_id = :id and state = 'ended'")
			.bind("now", now())
			.bind("id", verificationId.value())
			.fetch()
			.rowsUpdated()
			.then();
	}

	@Override
	public Mono<Void> heartbeat() {
		return this.db.sql("update ars.calls set heartbeat_at = :now where owner = :owner and state = 'dialing'")
			.bind("now", now())
			.bind("owner", this.instance)
			.fetch()
			.rowsUpdated()
			.then();
	}

	@Override
	public Flux<Orphan> orphans(Instant staleBefore, Instant expiredBefore) {
		return this.db
			.sql("select verification_id, merchant_id, traceparent from ars.calls "
					+ "where state = 'dialing' and heartbeat_at < :stale and expires_at < :expired")
			.bind("stale", at(staleBefore))
			.bind("expired", at(expiredBefore))
			.map((row) -> new Orphan(new VerificationId(row.get("verification_id", UUID.class)),
					MerchantId.of(row.get("merchant_id", String.class)), row.get("traceparent", String.class)))
			.all();
	}

	@Override
	public Flux<EventEnvelope<CallCompleted>> unpublished(Instant endedBefore) {
		return this.db.sql("select completed_event from ars.calls where state = 'ended' and updated_at < :before")
			.bind("before", at(endedBefore))
			.map((row) -> decode(row.get("completed_event", String.class)))
			.all();
	}

	private EventEnvelope<CallCompleted> decode(String event) {
		return this.codec.decode(event.getBytes(StandardCharsets.UTF_8), EventTopics.CALL_COMPLETED);
	}

	private OffsetDateTime now() {
		return at(this.clock.instant());
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
