package com.phoneverify.ars.call;

import java.time.Duration;

import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class CallStopsTests {

	private final CallStops stops = new CallStops(Schedulers.immediate(), 3);

	@ParameterizedTest
	@EnumSource(value = VerificationStatus.class, names = { "CANCELED", "EXPIRED" })
	void aCanceledOrExpiredVerificationStopsItsCall(VerificationStatus status) {
		VerificationId id = VerificationId.random();
		CallStops.Stop stop = this.stops.watch(id);
		assertThat(stop.isRequested()).isFalse();

		boolean stopping = this.stops.verificationEnded(id, Product.ARS, status);

		assertThat(stopping).isTrue();
		assertThat(stop.isRequested()).isTrue();
		StepVerifier.create(stop.requested()).expectComplete().verify(Duration.ofSeconds(1));
	}

	@ParameterizedTest
	@EnumSource(value = VerificationStatus.class, names = { "CANCELED", "EXPIRED" }, mode = EnumSource.Mode.EXCLUDE)
	void otherStatusesLeaveTheCallAlone(VerificationStatus status) {
		VerificationId id = VerificationId.random();
		CallStops.Stop stop = this.stops.watch(id);

		boolean stopping = this.stops.verificationEnded(id, Product.ARS, status);

		assertThat(stopping).isFalse();
		assertThat(stop.isRequested()).isFalse();
		StepVerifier.create(stop.requested())
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(50))
			.thenCancel()
			.verify();
	}

	@Test
	void anEndThatArrivesBeforeTheCallStopsItAtOnce() {
		VerificationId id = VerificationId.random();
		this.stops.verificationEnded(id, Product.ARS, VerificationStatus.CANCELED);

		CallStops.Stop stop = this.stops.watch(id);

		assertThat(stop.isRequested()).isTrue();
		StepVerifier.create(stop.requested()).expectComplete().verify(Duration.ofSeconds(1));
	}

	@Test
	void anotherVerificationsEndDoesNotStopTheCall() {
		CallStops.Stop stop = this.stops.watch(VerificationId.random());

		this.stops.verificationEnded(VerificationId.random(), Product.ARS, VerificationStatus.CANCELED);

		assertThat(stop.isRequested()).isFalse();
	}

	@Test
	void onlyTheMostRecentEndsAreRemembered() {
		VerificationId oldest = VerificationId.random();
		this.stops.verificationEnded(oldest, Product.ARS, VerificationStatus.EXPIRED);
		for (int i = 0; i < 3; i++) {
			this.stops.verificationEnded(VerificationId.random(), Product.ARS, VerificationStatus.EXPIRED);
		}

		assertThat(this.stops.watch(oldest).isRequested()).isFalse();
	}

	@Test
	void aClosedStopIsNoLongerWatched() {
		VerificationId id = VerificationId.random();
		CallStops.Stop first = this.stops.watch(id);
		CallStops.Stop second = this.stops.watch(id);

		first.close();
		first.close();
		assertThat(this.stops.watching()).isEqualTo(1);
		second.close();

		assertThat(this.stops.watching()).isZero();
	}

}
