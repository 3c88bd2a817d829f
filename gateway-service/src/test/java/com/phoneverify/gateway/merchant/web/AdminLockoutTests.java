package com.phoneverify.gateway.merchant.web;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdminLockoutTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	private static final Duration WINDOW = Duration.ofMinutes(15);

	private final AdminLockout lockout = new AdminLockout(5, WINDOW);

	@Test
	void theFifthWrongTokenWithinTheWindowLocksTheAddressOutForTheWindow() {
		for (int i = 0; i < 4; i++) {
			this.lockout.failed("10.0.0.1", T0.plusSeconds(i));
			assertThat(this.lockout.lockedFor("10.0.0.1", T0.plusSeconds(i))).as("after %d", i + 1).isNull();
		}
		this.lockout.failed("10.0.0.1", T0.plusSeconds(60));
		assertThat(this.lockout.lockedFor("10.0.0.1", T0.plusSeconds(60))).isEqualTo(WINDOW);
		assertThat(this.lockout.lockedFor("10.0.0.1", T0.plusSeconds(60).plus(WINDOW).minusSeconds(1)))
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(this.lockout.lockedFor("10.0.0.2", T0.plusSeconds(60))).as("another address").isNull();
	}

	@Test
	void theLockoutEndsWhenTheWindowPassesAndCountingStartsOver() {
		for (int i = 0; i < 5; i++) {
			this.lockout.failed("10.0.0.1", T0);
		}
		Instant after = T0.plus(WINDOW);
		assertThat(this.lockout.lockedFor("10.0.0.1", after)).isNull();
		for (int i = 0; i < 4; i++) {
			this.lockout.failed("10.0.0.1", after);
		}
		assertThat(this.lockout.lockedFor("10.0.0.1", after)).as("four new failures").isNull();
		this.lockout.failed("10.0.0.1", after);
		assertThat(this.lockout.lockedFor("10.0.0.1", after)).isEqualTo(WINDOW);
	}

	@Test
	void failuresOlderThanTheWindowAreForgotten() {
		for (int i = 0; i < 4; i++) {
			this.lockout.failed("10.0.0.1", T0);
		}
		this.lockout.failed("10.0.0.1", T0.plus(WINDOW));
		assertThat(this.lockout.lockedFor("10.0.0.1", T0.plus(WINDOW))).isNull();
	}

	@Test
	void theRightTokenBeforeTheLockoutResetsTheCount() {
		for (int i = 0; i < 4; i++) {
			this.lockout.failed("10.0.0.1", T0);
		}
		this.lockout.succeeded("10.0.0.1");
		for (int i = 0; i < 4; i++) {
			this.lockout.failed("10.0.0.1", T0);
		}
		assertThat(this.lockout.lockedFor("10.0.0.1", T0)).isNull();
	}

	@Test
	void tracksABoundedNumberOfAddresses() {
		for (int i = 0; i < AdminLockout.MAX_CLIENTS + 10; i++) {
			this.lockout.failed("client-" + i, T0.plusSeconds(i / 1000));
		}
		this.lockout.failed("late", T0.plus(WINDOW).plusSeconds(100));
		assertThat(this.lockout.lockedFor("client-0", T0.plus(WINDOW).plusSeconds(100))).isNull();
	}

}
