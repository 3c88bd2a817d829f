package com.phoneverify.ars;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.phoneverify.ars.request.AuthRequestListener;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.PhoneSimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One merchant's backlog does not stall another merchant's intake: beyond
 * {@code ars.channels.park-after} requests held in memory, a merchant's requests are
 * parked in the call log and their records acknowledged, so the consumer keeps reading.
 * Numbers ending in 0408 ring until they are canceled (the phone simulator's rules).
 */
@ResourceLock(TestKafka.AUTH_REQUESTED_READERS)
class ParkingIntegrationTests {

	private static final String KEY = "cGFya2luZy1pbnRlZ3JhdGlvbi10ZXN0LWtleS0zMmI=";

	private static final Sealer sealer = Sealer.of(Map.of("parking", KEY), "parking");

	private static final EventCodec codec = new EventCodec();

	private static final PhoneSimulator phones = PhoneSimulator.start(PhoneSimulatorOptions.defaults());

	private static final TestKafka.Completed completed = new TestKafka.Completed();

	private final EmbeddedInfra infra = EmbeddedInfra.shared();

	@AfterAll
	static void stopPhones() {
		phones.close();
	}

	/**
	 * The test: 300 requests of merchant A (its 10 channels ringing, 2 s each),
	 * then one of merchant B. Without parking, B's record sits behind a paused consumer
	 * until about 200 of A's calls ended (40 s).
	 */
	@Test
	void anotherMerchantsPhoneRingsWithinSecondsOfThreeHundredQueuedRequests() {
		String numberB = "+821077701234";
		VerificationId idB = VerificationId.random();
		try (ConfigurableApplicationContext service = start("--ars.sip.ring-timeout=2s",
				"--ars.channels.per-merchant=10")) {
			// A's requests expire 25 s after they were sent (about 120 of them are called
			// by then)
			Instant expiry = Instant.now().plusSeconds(25);
			Map<String, byte[]> backlog = new LinkedHashMap<>();
			List<VerificationId> merchantA = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				VerificationId id = VerificationId.random();
				merchantA.add(id);
				backlog.put(id.toString(), record(id, "merchant-a", String.format("+8210%04d0408", 3000 + i), expiry));
			}
			TestKafka.sendAll(Topics.AUTH_REQUESTED, backlog);
			TestKafka.send(Topics.AUTH_REQUESTED, idB.toString(),
					record(idB, "merchant-b", numberB, Instant.now().plusSeconds(60)));
			long sentB = System.nanoTime();

			assertThat(phones.awaitCall(numberB, Duration.ofSeconds(10)).block()).as("merchant B's call, within 10 s")
				.isNotNull();
			long rangB = System.nanoTime();
			long finishedA = merchantA.stream().filter(completed::arrived).count();
			int parkedA = parked("merchant-a");
			assertThat(finishedA).as("merchant A's requests finished when B's phone rang").isLessThan(150);
			assertThat(parkedA).as("merchant A's requests parked at that time").isPositive();

			// every one of A's requests ends once, called or expired while parked
			long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
			while (System.nanoTime() < deadline && !merchantA.stream().allMatch(completed::arrived)) {
				TestKafka.sleep(200);
			}
			long allA = System.nanoTime();
			System.out.printf(
					"parking: B's phone rang %d ms after its request (A: %d of 300 ended, %d parked); "
							+ "all of A ended %d ms after B's request%n",
					(rangB - sentB) / 1_000_000, finishedA, parkedA, (allA - sentB) / 1_000_000);
			TestKafka.sleep(1000);
			assertThat(merchantA).as("merchant A's requests with exactly one call-completed")
				.allSatisfy((id) -> assertThat(completed.count(id)).as("call-completed of %s", id).isEqualTo(1));
			assertThat(completed.await(idB, Duration.ofSeconds(30)).merchantId())
				.isEqualTo(MerchantId.of("merchant-b"));
			assertThat(parked("merchant-a")).as("merchant A's requests still parked").isZero();
		}
	}

	/**
	 * Two instances in one consumer group share a merchant's parked requests: each
	 * request is dialled once and ends once, whichever instance parked or took it.
	 * Numbers ending in 0486 answer busy at once.
	 */
	@Test
	void twoInstancesShareParkedRequestsAndDialEachOnce() throws Exception {
		String[] settings = { "--ars.channels.per-merchant=1", "--ars.channels.park-after=2" };
		try (ConfigurableApplicationContext one = start(settings);
				ConfigurableApplicationContext other = start(settings)) {
			TestKafka.awaitAssignment(one.getBean(KafkaListenerEndpointRegistry.class), AuthRequestListener.ID);
			TestKafka.awaitAssignment(other.getBean(KafkaListenerEndpointRegistry.class), AuthRequestListener.ID);
			Instant expiry = Instant.now().plusSeconds(120);
			Map<String, byte[]> requests = new LinkedHashMap<>();
			Map<VerificationId, String> numbers = new LinkedHashMap<>();
			for (int i = 0; i < 60; i++) {
				VerificationId id = VerificationId.random();
				String number = String.format("+8210%04d0486", 5000 + i);
				numbers.put(id, number);
				requests.put(id.toString(), record(id, "merchant-shared", number, expiry));
			}

			TestKafka.sendAll(Topics.AUTH_REQUESTED, requests);

			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline && !numbers.keySet().stream().allMatch(completed::arrived)) {
				TestKafka.sleep(200);
			}
			TestKafka.sleep(1000);
			assertThat(numbers).allSatisfy((id, number) -> {
				assertThat(completed.count(id)).as("call-completed of %s", id).isEqualTo(1);
				assertThat(calls(number)).as("INVITEs for %s", id).isEqualTo(1);
			});
			assertThat(taken("merchant-shared")).as("requests parked and taken back").isPositive();
			assertThat(parked("merchant-shared")).as("requests still parked").isZero();
		}
	}

	@Test
	void aParkedRequestSurvivesARestartAndIsCalledAfterIt() throws Exception {
		Instant expiry = Instant.now().plusSeconds(90);
		String ringing = "+821077720408";
		String parkedNumber = "+821077725555";
		VerificationId first = VerificationId.random();
		VerificationId second = VerificationId.random();
		try (ConfigurableApplicationContext service = start("--ars.channels.per-merchant=1",
				"--ars.channels.park-after=1")) {
			TestKafka.send(Topics.AUTH_REQUESTED, first.toString(), record(first, "merchant-restart", ringing, expiry));
			assertThat(phones.awaitCall(ringing, Duration.ofSeconds(15)).block()).isNotNull();
			TestKafka.send(Topics.AUTH_REQUESTED, second.toString(),
					record(second, "merchant-restart", parkedNumber, expiry));
			awaitParked(second);
		}

		assertThat(row(second)).as("the parked request after the stop").isEqualTo("received parked");
		assertThat(calls(parkedNumber)).as("INVITEs to the parked number before the restart").isZero();

		try (ConfigurableApplicationContext service = start("--ars.channels.per-merchant=1",
				"--ars.channels.park-after=1")) {
			CallCompleted event = completed.await(second, Duration.ofSeconds(30));

			assertThat(event.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(calls(parkedNumber)).as("INVITEs to the parked number").isEqualTo(1);
			assertThat(row(second)).isEqualTo("published");
		}
	}

	/**
	 * A parked request whose verification expires ends at once, without a call, while its
	 * merchant's only channel is still busy (without parking it waited for that channel).
	 */
	@Test
	void aParkedRequestThatExpiredEndsWithoutDialling() throws Exception {
		String ringing = "+821077730408";
		String expiringNumber = "+821077736666";
		VerificationId first = VerificationId.random();
		VerificationId expiring = VerificationId.random();
		try (ConfigurableApplicationContext service = start("--ars.channels.per-merchant=1",
				"--ars.channels.park-after=1")) {
			TestKafka.send(Topics.AUTH_REQUESTED, first.toString(),
					record(first, "merchant-expiry", ringing, Instant.now().plusSeconds(25)));
			assertThat(phones.awaitCall(ringing, Duration.ofSeconds(15)).block()).isNotNull();
			TestKafka.send(Topics.AUTH_REQUESTED, expiring.toString(),
					record(expiring, "merchant-expiry", expiringNumber, Instant.now().plusSeconds(3)));

			CallCompleted event = completed.await(expiring, Duration.ofSeconds(10));

			assertThat(event.outcome()).isEqualTo(CallOutcome.CANCELED);
			assertThat(event.sipStatus()).isNull();
			assertThat(completed.arrived(first)).as("the first call ended already").isFalse();
			assertThat(calls(expiringNumber)).as("INVITEs to the expired request's number").isZero();
		}
	}

	private ConfigurableApplicationContext start(String... settings) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--ars.sip.local-port=0",
				"--ars.sip.trunk=127.0.0.1:" + phones.sipAddress().getPort(), "--ars.sealing.keys.parking=" + KEY,
				"--ars.sealing.current-key-id=parking", "--messaging.consumes.auth-requested=ars-parking-it",
				"--messaging.consumes.verification-outcomes=ars-parking-it-outcomes",
				"--ars.intake.heartbeat-interval=1s", "--ars.intake.shutdown-grace=1s",
				"--ars.prompts.cache-dir=target/prompt-cache"));
		args.addAll(List.of(settings));
		return new SpringApplicationBuilder(ArsCallApplication.class)
			.initializers(new EmbeddedInfraInitializer(this.infra))
			.run(args.toArray(String[]::new));
	}

	private long calls(String number) {
		return phones.calls().stream().filter((call) -> call.number().endsWith(number.substring(1))).count();
	}

	private void awaitParked(VerificationId id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!"received parked".equals(row(id))) {
			assertThat(System.nanoTime()).as("verification %s parked", id).isLessThan(deadline);
			TestKafka.sleep(100);
		}
	}

	/** The call-log state of a verification, with " parked" when its record is parked. */
	private String row(VerificationId id) throws Exception {
		try (Connection db = jdbc();
				PreparedStatement query = db.prepareStatement(
						"select state, parked_request is not null from ars.calls where verification_id = ?")) {
			query.setObject(1, id.value());
			try (ResultSet row = query.executeQuery()) {
				return row.next() ? row.getString(1) + (row.getBoolean(2) ? " parked" : "") : "none";
			}
		}
	}

	/** Requests of this merchant that were parked and taken back by an instance. */
	private int taken(String merchant) {
		return count("select count(*) from ars.calls where merchant_id = ? and dispatched_by is not null", merchant);
	}

	private int parked(String merchant) {
		return count("select count(*) from ars.calls where merchant_id = ? and parked_request is not null", merchant);
	}

	private int count(String sql, String merchant) {
		try (Connection db = jdbc(); PreparedStatement query = db.prepareStatement(sql)) {
			query.setString(1, merchant);
			try (ResultSet row = query.executeQuery()) {
				row.next();
				return row.getInt(1);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Connection jdbc() throws Exception {
		return DriverManager.getConnection(this.infra.jdbcUrl("ars_call_service"), this.infra.username(),
				this.infra.password());
	}

	private static byte[] record(VerificationId id, String merchant, String phone, Instant expiresAt) {
		EventEnvelope<AuthRequested> event = EventTopics.AUTH_REQUESTED.envelope(
				new AuthRequested(id, MerchantId.of(merchant), ArsScenario.A,
						sealer.seal(phone, AuthRequested.sealingContext(id, "phone")),
						sealer.seal("123456", AuthRequested.sealingContext(id, "code")), null, 6, expiresAt),
				Instant.now(), null);
		return codec.encode(event);
	}

}
