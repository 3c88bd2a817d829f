package com.phoneverify.ars.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.phoneverify.ars.request.CallRequest;
import com.phoneverify.ars.request.ParkingLot;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * {@link ParkingLot} on {@code ars.calls}: a parked request is a {@code received} row
 * whose {@code parked_request} holds its record. Taking rows is one
 * {@code UPDATE … WHERE verification_id IN (SELECT … FOR UPDATE SKIP LOCKED)}, so
 * instances dispatching at once take different rows.
 */
final class R2dbcParkingLot implements ParkingLot {

	private static final String UNHELD = "parked_request is not null and state = 'received' "
			+ "and (dispatched_at is null or dispatched_at < :lease)";

	private final DatabaseClient db;

	private final Clock clock;

	private final UUID instance;

	private final Scheduler results;

	/**
	 * @param instance this process's id: the holder of the leases it takes
	 * @param results where the call path goes on after a statement (off the R2DBC event
	 * loop)
	 */
	R2dbcParkingLot(DatabaseClient db, Clock clock, UUID instance, Scheduler results) {
		this.db = db;
		this.clock = clock;
		this.instance = instance;
		this.results = results;
	}

	@Override
	public Mono<Boolean> park(CallRequest request, byte[] record) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into ars.calls (verification_id, event_id, merchant_id, traceparent, expires_at, state, "
					+ "received_at, updated_at, parked_request) values (:id, :event, :merchant, :traceparent, "
					+ ":expires, 'received', :now, :now, :record) on conflict do nothing")
			.bind("id", request.verificationId().value())
			.bind("event", request.eventId())
			.bind("merchant", request.merchantId().value())
			.bind("expires", at(request.expiresAt()))
			.bind("now", now())
			.bind("record", record);
		insert = (request.traceparent() != null) ? insert.bind("traceparent", request.traceparent())
				: insert.bindNull("traceparent", String.class);
		Mono<Boolean> parkedAgain = this.db
			// a redelivery: still waiting (parked, or held in memory by an instance that
			// may have died) → parked; any other state is handled as a redelivery
			.sql("update ars.calls set parked_request = :record, updated_at = :now "
					+ "where verification_id = :id and state = 'received'")
			.bind("record", record)
			.bind("now", now())
			.bind("id", request.verificationId().value())
			.fetch()
			.rowsUpdated()
			.map((updated) -> updated > 0);
		return insert.fetch()
			.rowsUpdated()
			.flatMap((inserted) -> (inserted > 0) ? Mono.just(true) : parkedAgain)
			.publishOn(this.results);
	}

	@Override
	public Flux<MerchantId> waiting(Instant leaseRanOutBefore) {
		return this.db.sql("select distinct merchant_id from ars.calls where " + UNHELD)
			.bind("lease", at(leaseRanOutBefore))
			.map((row) -> MerchantId.of(row.get("merchant_id", String.class)))
			.all();
	}

	@Override
	public Flux<byte[]> dispatch(MerchantId merchantId, int max, Instant leaseRanOutBefore) {
		return take("merchant_id = :merchant and " + UNHELD + " order by received_at", max)
			.bind("merchant", merchantId.value())
			.bind("lease", at(leaseRanOutBefore))
			.map((row) -> row.get("parked_request", byte[].class))
			.all()
			.publishOn(this.results);
	}

	@Override
	public Flux<byte[]> dispatchExpired(int max, Instant expiredBefore, Instant leaseRanOutBefore) {
		return take("expires_at < :expired and " + UNHELD + " order by expires_at", max)
			.bind("expired", at(expiredBefore))
			.bind("lease", at(leaseRanOutBefore))
			.map((row) -> row.get("parked_request", byte[].class))
			.all()
			.publishOn(this.results);
	}

	private DatabaseClient.GenericExecuteSpec take(String condition, int max) {
		return this.db
			.sql("update ars.calls set dispatched_at = :now, dispatched_by = :me where verification_id in ("
					+ "select verification_id from ars.calls where " + condition
					+ " limit :max for update skip locked) returning parked_request")
			.bind("now", now())
			.bind("me", this.instance)
			.bind("max", max);
	}

	@Override
	public Mono<Void> renew() {
		return this.db
			.sql("update ars.calls set dispatched_at = :now where dispatched_by = :me "
					+ "and parked_request is not null and state = 'received'")
			.bind("now", now())
			.bind("me", this.instance)
			.fetch()
			.rowsUpdated()
			.then();
	}

	@Override
	public Mono<Void> release(VerificationId verificationId) {
		return this.db
			.sql("update ars.calls set dispatched_at = null, dispatched_by = null where verification_id = :id "
					+ "and dispatched_by = :me and parked_request is not null and state = 'received'")
			.bind("id", verificationId.value())
			.bind("me", this.instance)
			.fetch()
			.rowsUpdated()
			.then();
	}

	private OffsetDateTime now() {
		return at(this.clock.instant());
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
