package com.phoneverify.ars.request;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallLifecycleTests {

	@Test
	void callsThatFinishWithinTheGraceAreNotHungUp() {
		AtomicInteger running = new AtomicInteger(2);
		AtomicInteger hangUps = new AtomicInteger();
		Thread finishing = new Thread(() -> {
			sleep(100);
			running.set(0);
		});
		finishing.start();

		int left = CallLifecycle.endCalls(running::get, hangUps::incrementAndGet, Duration.ofSeconds(5),
				Duration.ofSeconds(5));

		assertThat(left).isZero();
		assertThat(hangUps).hasValue(0);
	}

	@Test
	void callsStillRunningAfterTheGraceAreHungUpAndCountedWhenTheTrunkConfirms() {
		AtomicInteger running = new AtomicInteger(3);

		int left = CallLifecycle.endCalls(running::get, () -> running.set(0), Duration.ofMillis(100),
				Duration.ofSeconds(5));

		assertThat(left).isZero();
	}

	@Test
	void aTrunkThatNeverConfirmsTheHangUpDoesNotHoldTheStopPastTheWait() {
		AtomicInteger hangUps = new AtomicInteger();

		int left = CallLifecycle.endCalls(() -> 2, hangUps::incrementAndGet, Duration.ofMillis(100),
				Duration.ofMillis(200));

		// the stop returned (a wait on the trunk's own 40 s hang-up timeout would have
		// held it), with the two calls left to the orphan sweep
		assertThat(left).isEqualTo(2);
		assertThat(hangUps).hasValue(1);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
