package com.phoneverify.ars.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.ars.call.AudioClip;
import com.phoneverify.ars.call.CallRunner;
import com.phoneverify.ars.call.CallStops;
import com.phoneverify.ars.call.DestinationPolicy;
import com.phoneverify.ars.quota.ChannelQuota;
import com.phoneverify.ars.scenario.ScenarioCatalog;
import com.phoneverify.ars.scenario.ScenarioEngine;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher of parked requests against a parking lot in memory. */
class ParkedRequestsTests {

	private static final String KEY = "cGFya2VkLXJlcXVlc3RzLXVuaXQtdGVzdC1rZXktMzI=";

	private static final Sealer sealer = Sealer.of(Map.of("unit", KEY), "unit");

	private static final EventCodec codec = new EventCodec();

	private static final MerchantId SHOP = MerchantId.of("shop");

	private final Scheduler timer = Schedulers.newParallel("parked-test", 2);

	private final List<CallCompleted> published = new CopyOnWriteArrayList<>();

	private final Lot lot = new Lot();

	private final CallRequestHandler handler = handler();

	private final ParkedRequests parked = new ParkedRequests(this.lot, new AuthRequestOpener(codec, sealer),
			this.handler, Clock.systemUTC(), 2, Duration.ofSeconds(1), this.timer);

	@AfterEach
	void stop() {
		this.parked.stop();
		this.timer.dispose();
	}

	@Test
	void aMerchantGetsAsManyParkedRequestsAsItHasRoomFor() {
		for (int i = 0; i < 5; i++) {
			this.lot.parked.add(record(VerificationId.random()));
		}

		this.parked.start();

		await(() -> this.published.size() == 5);
		assertThat(this.lot.asked).isNotEmpty().allSatisfy((max) -> assertThat(max).isBetween(1, 2));
		assertThat(this.handler.held(SHOP)).isZero();
	}

	@Test
	void aParkedRequestTakenWhileTheServiceStopsIsGivenBack() {
		VerificationId id = VerificationId.random();
		this.lot.parked.add(record(id));
		this.handler.stopAdmitting();

		this.parked.start();

		await(() -> this.lot.released.contains(id));
		assertThat(this.published).isEmpty();
	}

	private static void await(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private CallRequestHandler handler() {
		ScenarioCatalog catalog = ScenarioCatalog.load((name) -> getClass().getResourceAsStream("/scenarios/" + name));
		return new CallRequestHandler(new ChannelQuota(10, 1), new CallStops(this.timer, 10),
				new CallRunner((request) -> {
					throw new IllegalStateException("no trunk");
				}, Duration.ofSeconds(5), Duration.ofSeconds(40), Clock.systemUTC(), this.timer),
				new ScenarioEngine((voice, text) -> AudioClip.silence(10), this.timer), catalog, (event) -> {
					this.published.add(event.payload());
					return Mono.empty();
				}, new InMemoryCallLog(), Clock.systemUTC(), (report) -> {
				}, DestinationPolicy.defaults());
	}

	private static byte[] record(VerificationId id) {
		Instant now = Instant.now();
		return codec.encode(EventTopics.AUTH_REQUESTED.envelope(
				new AuthRequested(id, SHOP, ArsScenario.C,
						sealer.seal("+821055501234", AuthRequested.sealingContext(id, "phone")),
						sealer.seal("123456", AuthRequested.sealingContext(id, "code")), null, 6, now.plusSeconds(180)),
				now, null));
	}

	/** Parked records in memory; every record is taken at most once. */
	private static final class Lot implements ParkingLot {

		final List<byte[]> parked = new CopyOnWriteArrayList<>();

		final List<Integer> asked = new CopyOnWriteArrayList<>();

		final List<VerificationId> released = new CopyOnWriteArrayList<>();

		@Override
		public Mono<Boolean> park(CallRequest request, byte[] record) {
			return Mono.just(true);
		}

		@Override
		public Flux<MerchantId> waiting(Instant leaseRanOutBefore) {
			return this.parked.isEmpty() ? Flux.empty() : Flux.just(SHOP);
		}

		@Override
		public synchronized Flux<byte[]> dispatch(MerchantId merchantId, int max, Instant leaseRanOutBefore) {
			this.asked.add(max);
			List<byte[]> taken = new ArrayList<>();
			while (taken.size() < max && !this.parked.isEmpty()) {
				taken.add(this.parked.remove(0));
			}
			return Flux.fromIterable(taken);
		}

		@Override
		public Flux<byte[]> dispatchExpired(int max, Instant expiredBefore, Instant leaseRanOutBefore) {
			return Flux.empty();
		}

		@Override
		public Mono<Void> renew() {
			return Mono.empty();
		}

		@Override
		public Mono<Void> release(VerificationId verificationId) {
			return Mono.fromRunnable(() -> this.released.add(verificationId));
		}

	}

}
