package com.phoneverify.messaging.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DrainLoopTests {

	private final List<Sinks.Empty<Void>> drains = new CopyOnWriteArrayList<>();

	private DrainLoop loop;

	@AfterEach
	void stop() {
		if (this.loop != null) {
			this.loop.stop();
		}
	}

	@Test
	void wakeUpsDuringADrainCauseExactlyOneMoreDrainAfterIt() {
		this.loop = start(() -> {
			Sinks.Empty<Void> drain = Sinks.empty();
			this.drains.add(drain);
			return drain.asMono();
		});
		this.loop.wake();
		assertThat(this.drains).hasSize(1);
		this.loop.wake();
		this.loop.wake();
		assertThat(this.drains).as("never two drains at once").hasSize(1);
		this.drains.get(0).tryEmitEmpty();
		assertThat(this.drains).hasSize(2);
		this.drains.get(1).tryEmitEmpty();
		assertThat(this.drains).as("the two wake-ups coalesced").hasSize(2);
	}

	/**
	 * The relay's old sink ({@code directBestEffort().tryEmitNext}) dropped a wake-up
	 * emitted while another thread was still handing one to the drain.
	 */
	@Test
	void aWakeUpFromAnotherThreadWhileADrainStartsIsNotLost() throws InterruptedException {
		CountDownLatch otherWoke = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		this.loop = start(() -> {
			if (started.incrementAndGet() == 1) {
				Thread other = new Thread(() -> {
					this.loop.wake();
					otherWoke.countDown();
				});
				other.start();
				try {
					otherWoke.await(2, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return Mono.empty();
		});
		this.loop.wake();
		assertThat(otherWoke.await(2, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(started).hasValue(2));
	}

	@Test
	void underConcurrentWakeUpsADrainAlwaysFollowsTheLastOneAndNoneOverlap() throws InterruptedException {
		AtomicLong woken = new AtomicLong();
		AtomicLong seenByLastDrain = new AtomicLong();
		AtomicInteger active = new AtomicInteger();
		AtomicInteger maxActive = new AtomicInteger();
		this.loop = start(() -> Mono.fromRunnable(() -> {
			maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
			seenByLastDrain.set(woken.get());
			active.decrementAndGet();
		}).subscribeOn(Schedulers.parallel()).then());
		Thread[] threads = new Thread[8];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = new Thread(() -> {
				for (int i = 0; i < 5000; i++) {
					woken.incrementAndGet();
					this.loop.wake();
				}
			});
			threads[t].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seenByLastDrain).hasValue(40_000));
		assertThat(maxActive).hasValue(1);
	}

	private static DrainLoop start(java.util.function.Supplier<Mono<?>> drain) {
		DrainLoop loop = new DrainLoop("test", drain);
		loop.start(Duration.ofHours(1));
		return loop;
	}

}
