package com.phoneverify.ars.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.phoneverify.ars.request.CallRequest;
import com.phoneverify.ars.scenario.Digits;
import com.phoneverify.ars.scenario.ScenarioInputs;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.embedded.EmbeddedInfra;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Parked requests on the real database, migrated as the service migrates it. */
class R2dbcParkingLotTests {

	private static final String DATABASE = "ars_call_service";

	private static final Duration LEASE = Duration.ofSeconds(15);

	private final EmbeddedInfra infra = EmbeddedInfra.shared();

	private final DatabaseClient db = DatabaseClient
		.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(this.infra.r2dbcUrl(DATABASE))
			.mutate()
			.option(ConnectionFactoryOptions.USER, this.infra.username())
			.option(ConnectionFactoryOptions.PASSWORD, this.infra.password())
			.build()));

	/** Each test's own merchant: the table is shared with other tests. */
	private final MerchantId merchant = MerchantId.of("merchant-lot-" + UUID.randomUUID());

	@BeforeEach
	void migrate() {
		Flyway.configure()
			.dataSource(this.infra.jdbcUrl(DATABASE), this.infra.username(), this.infra.password())
			.locations("classpath:db/ars-migration")
			.schemas("ars")
			.defaultSchema("ars")
			.createSchemas(true)
			.load()
			.migrate();
	}

	@Test
	void twoInstancesDispatchingAtOnceNeverTakeTheSameRequest() {
		R2dbcParkingLot one = lot(Clock.systemUTC());
		R2dbcParkingLot other = lot(Clock.systemUTC());
		for (int i = 0; i < 30; i++) {
			assertThat(one.park(request(), record(i)).block()).isTrue();
		}
		Instant leaseRanOutBefore = Instant.now().minus(LEASE);

		List<List<String>> taken = Flux
			.merge(taken(one, 20, leaseRanOutBefore), taken(other, 20, leaseRanOutBefore),
					taken(one, 20, leaseRanOutBefore))
			.collectList()
			.block();

		List<String> all = new ArrayList<>();
		taken.forEach(all::addAll);
		assertThat(all).hasSize(30).doesNotHaveDuplicates();
		assertThat(one.waiting(leaseRanOutBefore).collectList().block()).doesNotContain(this.merchant);
	}

	@Test
	void aMerchantsRequestsAreTakenOldestFirst() {
		Instant now = Instant.now();
		for (int i = 0; i < 3; i++) {
			// parked a minute, two and three minutes ago
			lot(Clock.fixed(now.minusSeconds(60 * (i + 1)), ZoneOffset.UTC)).park(request(), record(i)).block();
		}

		assertThat(taken(lot(Clock.systemUTC()), 1, now.minus(LEASE)).block()).containsExactly("record 2");
	}

	@Test
	void aRequestTakenByAnInstanceThatStoppedRenewingIsTakenAgainAfterTheLease() {
		Instant now = Instant.now();
		R2dbcParkingLot silent = lot(Clock.fixed(now.minusSeconds(60), ZoneOffset.UTC));
		R2dbcParkingLot alive = lot(Clock.systemUTC());
		silent.park(request(), record(0)).block();
		alive.park(request(), record(1)).block();
		assertThat(taken(silent, 1, now.minusSeconds(120)).block()).containsExactly("record 0");
		assertThat(taken(alive, 1, now.minusSeconds(120)).block()).containsExactly("record 1");
		alive.renew().block();

		// record 0's lease ran out (taken a minute ago, never renewed); record 1's holds
		assertThat(taken(lot(Clock.systemUTC()), 10, now.minus(LEASE)).block()).containsExactly("record 0");
	}

	@Test
	void aClaimedRequestIsNoLongerParkedAndItsRedeliveryIsNotParkedAgain() {
		R2dbcParkingLot lot = lot(Clock.systemUTC());
		R2dbcCallLog calls = new R2dbcCallLog(this.db, new EventCodec(), Clock.systemUTC(), UUID.randomUUID(),
				Schedulers.parallel());
		CallRequest request = request();
		assertThat(lot.park(request, record(0)).block()).isTrue();
		assertThat(lot.park(request, record(0)).block()).as("a redelivery while parked").isTrue();

		assertThat(calls.claim(request.verificationId()).block()).isTrue();

		assertThat(lot.waiting(Instant.now()).collectList().block()).doesNotContain(this.merchant);
		assertThat(lot.park(request, record(0)).block()).as("a redelivery while dialing").isFalse();
	}

	@Test
	void anExpiredParkedRequestIsTakenWithoutTheMerchant() {
		R2dbcParkingLot lot = lot(Clock.systemUTC());
		lot.park(request(Instant.now().minusSeconds(1)), "expired".getBytes(StandardCharsets.UTF_8)).block();
		lot.park(request(Instant.now().plusSeconds(60)), "live".getBytes(StandardCharsets.UTF_8)).block();

		List<String> expired = lot.dispatchExpired(1000, Instant.now(), Instant.now().minus(LEASE))
			.map((bytes) -> new String(bytes, StandardCharsets.UTF_8))
			.collectList()
			.block();

		assertThat(expired).contains("expired").doesNotContain("live");
	}

	private reactor.core.publisher.Mono<List<String>> taken(R2dbcParkingLot lot, int max, Instant leaseRanOutBefore) {
		return lot.dispatch(this.merchant, max, leaseRanOutBefore)
			.map((bytes) -> new String(bytes, StandardCharsets.UTF_8))
			.collectList();
	}

	private R2dbcParkingLot lot(Clock clock) {
		return new R2dbcParkingLot(this.db, clock, UUID.randomUUID(), Schedulers.parallel());
	}

	private CallRequest request() {
		return request(Instant.now().plusSeconds(180));
	}

	private CallRequest request(Instant expiresAt) {
		return new CallRequest(UUID.randomUUID(), VerificationId.random(), this.merchant, ArsScenario.A,
				PhoneNumber.parse("+821055501234"), new ScenarioInputs(Digits.of("123456"), null, 6), expiresAt, null);
	}

	private static byte[] record(int i) {
		return ("record " + i).getBytes(StandardCharsets.UTF_8);
	}

}
