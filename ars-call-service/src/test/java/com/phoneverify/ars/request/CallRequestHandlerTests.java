package com.phoneverify.ars.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.ars.call.AudioClip;
import com.phoneverify.ars.call.CallRunner;
import com.phoneverify.ars.call.CallStops;
import com.phoneverify.ars.call.DestinationPolicy;
import com.phoneverify.ars.call.Trunk;
import com.phoneverify.ars.quota.ChannelQuota;
import com.phoneverify.ars.scenario.Digits;
import com.phoneverify.ars.scenario.ScenarioCatalog;
import com.phoneverify.ars.scenario.ScenarioEngine;
import com.phoneverify.ars.scenario.ScenarioInputs;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.phone.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever breaks on the call path, exactly one call-completed is published. */
class CallRequestHandlerTests {

	private final Scheduler timer = Schedulers.newParallel("handler-test", 2);

	private final List<CallCompleted> published = new CopyOnWriteArrayList<>();

	private final InMemoryCallLog calls = new InMemoryCallLog();

	@AfterEach
	void stop() {
		this.timer.dispose();
	}

	@Test
	void aTrunkThatThrowsStillEndsInOneTransportError() {
		CallRequestHandler handler = handler((request) -> {
			throw new IllegalStateException("boom");
		});
		CallRequest request = request();

		StepVerifier.create(handler.handle(request)).expectNext(true).expectComplete().verify(Duration.ofSeconds(5));

		assertThat(this.published).singleElement().satisfies((event) -> {
			assertThat(event.verificationId()).isEqualTo(request.verificationId());
			assertThat(event.outcome()).isEqualTo(CallOutcome.TRANSPORT_ERROR);
			assertThat(event.scenarioResult()).isNull();
		});
		assertThat(this.calls.state(request.verificationId())).isEqualTo(CallLog.State.PUBLISHED);
	}

	@Test
	void aRedeliveredRequestThatWasPublishedIsNeitherCalledNorPublishedAgain() {
		java.util.concurrent.atomic.AtomicInteger placed = new java.util.concurrent.atomic.AtomicInteger();
		CallRequestHandler handler = handler((request) -> {
			placed.incrementAndGet();
			throw new IllegalStateException("no trunk");
		});
		CallRequest request = request();
		StepVerifier.create(handler.handle(request)).expectNext(true).expectComplete().verify(Duration.ofSeconds(5));

		StepVerifier.create(handler.handle(request)).expectNext(true).expectComplete().verify(Duration.ofSeconds(5));

		assertThat(placed).hasValue(1);
		assertThat(this.published).hasSize(1);
	}

	private CallRequestHandler handler(Trunk trunk) {
		return handler(trunk, DestinationPolicy.defaults());
	}

	private CallRequestHandler handler(Trunk trunk, DestinationPolicy destinations) {
		return handler(trunk, destinations, new ChannelQuota(2, 1), this.calls);
	}

	private CallRequestHandler handler(Trunk trunk, DestinationPolicy destinations, ChannelQuota quota, CallLog calls) {
		ScenarioCatalog catalog = ScenarioCatalog.load((name) -> getClass().getResourceAsStream("/scenarios/" + name));
		return new CallRequestHandler(quota, new CallStops(this.timer, 10),
				new CallRunner(trunk, Duration.ofSeconds(5), Duration.ofSeconds(40), Clock.systemUTC(), this.timer),
				new ScenarioEngine((voice, text) -> AudioClip.silence(10), this.timer), catalog, (event) -> {
					this.published.add(event.payload());
					return Mono.empty();
				}, calls, Clock.systemUTC(), (report) -> {
				}, destinations);
	}

	@Test
	void aDestinationThePolicyRefusesIsNeverDialledAndEndsAsBadNumber() {
		java.util.concurrent.atomic.AtomicInteger placed = new java.util.concurrent.atomic.AtomicInteger();
		// this merchant may call Seoul landlines only
		CallRequestHandler handler = handler((request) -> {
			placed.incrementAndGet();
			throw new IllegalStateException("must not dial");
		}, new DestinationPolicy(DestinationPolicy.KOREAN_PERSONAL_NUMBERS, java.util.Map.of("shop", List.of("+822"))));
		CallRequest request = request();

		StepVerifier.create(handler.handle(request)).expectNext(true).expectComplete().verify(Duration.ofSeconds(5));

		assertThat(placed).hasValue(0);
		assertThat(this.published).singleElement().satisfies((event) -> {
			assertThat(event.verificationId()).isEqualTo(request.verificationId());
			assertThat(event.outcome()).isEqualTo(CallOutcome.BAD_NUMBER);
			assertThat(event.sipStatus()).isNull();
		});
		assertThat(this.calls.state(request.verificationId())).isEqualTo(CallLog.State.PUBLISHED);
	}

	/**
	 * The listener parks a merchant's requests beyond {@code park-after} by this count:
	 * it holds a request from {@code handle} on (before the call log answered) until it
	 * ends, and tells when one ends.
	 */
	@Test
	void requestsAreHeldPerMerchantFromHandleUntilTheyEnd() {
		Sinks.Empty<Void> database = Sinks.empty();
		CallLog slowLog = new DelayedReceive(this.calls, database.asMono());
		CallRequestHandler handler = handler((request) -> {
			throw new IllegalStateException("no trunk");
		}, DestinationPolicy.defaults(), new ChannelQuota(10, 10), slowLog);
		AtomicInteger released = new AtomicInteger();
		handler.whenReleased(released::incrementAndGet);
		List<Mono<Boolean>> work = List.of(handler.handle(request("shop")), handler.handle(request("shop")),
				handler.handle(request("other")));
		List<reactor.core.Disposable> running = work.stream().map(Mono::subscribe).toList();

		assertThat(handler.held(MerchantId.of("shop"))).isEqualTo(2);
		assertThat(handler.held(MerchantId.of("other"))).isEqualTo(1);

		database.tryEmitEmpty();
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (released.get() < 3 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(released).hasValue(3);
		assertThat(handler.held(MerchantId.of("shop"))).isZero();
		assertThat(handler.held(MerchantId.of("other"))).isZero();
		assertThat(this.published).hasSize(3);
		running.forEach(reactor.core.Disposable::dispose);
	}

	/**
	 * A request that waited (parked) past its expiry ends {@code canceled} without
	 * waiting for its merchant's channel, which another call holds.
	 */
	@Test
	void anExpiredRequestEndsWithoutWaitingForAChannel() {
		AtomicInteger placed = new AtomicInteger();
		ChannelQuota quota = new ChannelQuota(2, 1);
		reactor.core.Disposable busy = quota.withChannel(MerchantId.of("shop"), Mono::never).subscribe();
		CallRequestHandler handler = handler((request) -> {
			placed.incrementAndGet();
			throw new IllegalStateException("must not dial");
		}, DestinationPolicy.defaults(), quota, this.calls);
		CallRequest expired = new CallRequest(UUID.randomUUID(), VerificationId.random(), MerchantId.of("shop"),
				ArsScenario.C, PhoneNumber.parse("+821055501234"), new ScenarioInputs(Digits.of("123456"), null, 6),
				Instant.now().minusSeconds(1), null);

		StepVerifier.create(handler.handle(expired)).expectNext(true).expectComplete().verify(Duration.ofSeconds(5));

		assertThat(placed).hasValue(0);
		assertThat(this.published).singleElement()
			.satisfies((event) -> assertThat(event.outcome()).isEqualTo(CallOutcome.CANCELED));
		busy.dispose();
	}

	private static CallRequest request() {
		return request("shop");
	}

	private static CallRequest request(String merchant) {
		return new CallRequest(UUID.randomUUID(), VerificationId.random(), MerchantId.of(merchant), ArsScenario.C,
				PhoneNumber.parse("+821055501234"), new ScenarioInputs(Digits.of("123456"), null, 6),
				Instant.now().plus(Duration.ofMinutes(3)), null);
	}

	/** A call log whose {@code receive} answers only once the database is back. */
	private record DelayedReceive(CallLog log, Mono<Void> database) implements CallLog {

		@Override
		public Mono<Known> receive(UUID eventId, VerificationId verificationId, MerchantId merchantId,
				@Nullable String traceparent, Instant expiresAt) {
			return this.database.then(this.log.receive(eventId, verificationId, merchantId, traceparent, expiresAt));
		}

		@Override
		public Mono<Boolean> claim(VerificationId verificationId) {
			return this.log.claim(verificationId);
		}

		@Override
		public Mono<Boolean> ended(EventEnvelope<CallCompleted> event) {
			return this.log.ended(event);
		}

		@Override
		public Mono<Void> published(VerificationId verificationId) {
			return this.log.published(verificationId);
		}

		@Override
		public Mono<Void> heartbeat() {
			return this.log.heartbeat();
		}

		@Override
		public Flux<Orphan> orphans(Instant staleBefore, Instant expiredBefore) {
			return this.log.orphans(staleBefore, expiredBefore);
		}

		@Override
		public Mono<Boolean> endOrphan(EventEnvelope<CallCompleted> event, Instant staleBefore, Instant expiredBefore) {
			return this.log.endOrphan(event, staleBefore, expiredBefore);
		}

		@Override
		public Flux<EventEnvelope<CallCompleted>> unpublished(Instant endedBefore) {
			return this.log.unpublished(endedBefore);
		}

	}

}
