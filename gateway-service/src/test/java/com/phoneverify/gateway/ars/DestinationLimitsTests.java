package com.phoneverify.gateway.ars;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationLimitsTests {

	private final DestinationLimits limits = new DestinationLimits(3, 10);

	private final Instant now = Instant.parse("2026-11-30T10:00:00Z");

	@Test
	void aNumberBelowBothLimitsMayGetAVerification() {
		assertThat(this.limits.waitFor(new ArsVerificationStore.Usage(2, this.now.minusSeconds(60), 9, null), this.now))
			.isNull();
	}

	@Test
	void aNumberAtTheShortLimitWaitsUntilItsOldestLeavesTheTenMinutes() {
		Duration wait = this.limits.waitFor(
				new ArsVerificationStore.Usage(3, this.now.minusSeconds(60), 3, this.now.minusSeconds(60)), this.now);
		assertThat(wait).isEqualTo(Duration.ofMinutes(9));
	}

	@Test
	void aNumberAtTheDayLimitWaitsForTheLongerOfBothWindows() {
		Duration wait = this.limits.waitFor(
				new ArsVerificationStore.Usage(3, this.now.minusSeconds(60), 10, this.now.minus(Duration.ofHours(2))),
				this.now);
		assertThat(wait).isEqualTo(Duration.ofHours(22));
	}

}
