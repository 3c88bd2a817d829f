package com.phoneverify.ars.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

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
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.phone.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
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
		ScenarioCatalog catalog = ScenarioCatalog.load((name) -> getClass().getResourceAsStream("/scenarios/" + name));
		return new CallRequestHandler(new ChannelQuota(2, 1), new CallStops(this.timer, 10),
				new CallRunner(trunk, Duration.ofSeconds(5), Duration.ofSeconds(40), Clock.systemUTC(), this.timer),
				new ScenarioEngine((voice, text) -> AudioClip.silence(10), this.timer), catalog, (event) -> {
					this.published.add(event.payload());
					return Mono.empty();
				}, this.calls, Clock.systemUTC(), (report) -> {
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

	private static CallRequest request() {
		return new CallRequest(UUID.randomUUID(), VerificationId.random(), MerchantId.of("shop"), ArsScenario.C,
				PhoneNumber.parse("+821055501234"), new ScenarioInputs(Digits.of("123456"), null, 6),
				Instant.now().plus(Duration.ofMinutes(3)), null);
	}

}
