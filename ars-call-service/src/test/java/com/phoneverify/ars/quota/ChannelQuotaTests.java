package com.phoneverify.ars.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.phoneverify.contracts.MerchantId;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelQuotaTests {

	private static final MerchantId SHOP = MerchantId.of("shop-one");

	private static final MerchantId OTHER = MerchantId.of("shop-two");

	@Test
	void requestsBeyondTheGlobalLimitWaitAndAreAdmittedInOrderAsChannelsFree() {
		ChannelQuota quota = new ChannelQuota(2, 10);
		List<Call> calls = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			calls.add(Call.on(quota, (i % 2 == 0) ? SHOP : OTHER));
		}
		assertThat(calls).filteredOn(Call::started).containsExactly(calls.get(0), calls.get(1));
		assertThat(quota.waiting()).isEqualTo(3);

		calls.get(0).end();
		assertThat(calls.get(2).started()).isTrue();
		assertThat(calls.get(3).started()).isFalse();
		calls.get(1).end();
		calls.get(2).end();
		calls.get(3).end();

		assertThat(calls).allMatch(Call::started);
		assertThat(calls.get(0).result()).isEqualTo("ended");
		assertThat(quota.waiting()).isZero();
		assertThat(quota.active()).isEqualTo(1);
	}

	@Test
	void aMerchantAtItsLimitDoesNotBlockAnotherMerchant() {
		ChannelQuota quota = new ChannelQuota(10, 1);
		Call first = Call.on(quota, SHOP);
		Call second = Call.on(quota, SHOP);
		Call other = Call.on(quota, OTHER);

		assertThat(first.started()).isTrue();
		assertThat(second.started()).isFalse();
		assertThat(other.started()).isTrue();
		assertThat(quota.waiting()).isEqualTo(1);

		first.end();
		assertThat(second.started()).isTrue();
	}

	@Test
	void workThatFailsFreesItsChannel() {
		ChannelQuota quota = new ChannelQuota(1, 1);
		List<Throwable> errors = new ArrayList<>();
		quota.withChannel(SHOP, () -> Mono.<String>error(new IllegalStateException("boom")))
			.subscribe(null, errors::add);
		Call next = Call.on(quota, SHOP);

		assertThat(errors).hasSize(1);
		assertThat(next.started()).isTrue();
		assertThat(quota.active()).isEqualTo(1);
	}

	@Test
	void aCancelledWaiterLeavesTheQueueAndItsWorkNeverStarts() {
		ChannelQuota quota = new ChannelQuota(1, 1);
		Call running = Call.on(quota, SHOP);
		Call waiting = Call.on(quota, OTHER);
		assertThat(quota.waiting()).isEqualTo(1);

		waiting.cancel();
		running.end();

		assertThat(quota.waiting()).isZero();
		assertThat(quota.active()).isZero();
		assertThat(waiting.started()).isFalse();
	}

	@Test
	void cancellingRunningWorkCancelsItAndFreesItsChannel() {
		ChannelQuota quota = new ChannelQuota(1, 1);
		Call running = Call.on(quota, SHOP);

		running.cancel();

		assertThat(running.cancelled()).isTrue();
		assertThat(quota.active()).isZero();
	}

	@Test
	void aWithdrawnWaiterCompletesEmptyAndItsWorkNeverStarts() {
		ChannelQuota quota = new ChannelQuota(1, 1);
		Call running = Call.on(quota, SHOP);
		Sinks.Empty<Void> withdrawal = Sinks.empty();
		Call waiting = Call.on(quota, SHOP, withdrawal.asMono());

		withdrawal.tryEmitEmpty();

		assertThat(waiting.completedEmpty()).isTrue();
		assertThat(quota.waiting()).isZero();
		running.end();
		assertThat(waiting.started()).isFalse();
		assertThat(quota.active()).isZero();
	}

	@Test
	void aWithdrawalAfterTheGrantLeavesTheWorkRunning() {
		ChannelQuota quota = new ChannelQuota(1, 1);
		Sinks.Empty<Void> withdrawal = Sinks.empty();
		Call running = Call.on(quota, SHOP, withdrawal.asMono());

		withdrawal.tryEmitEmpty();

		assertThat(running.started()).isTrue();
		assertThat(running.cancelled()).isFalse();
		assertThat(quota.active()).isEqualTo(1);
		running.end();
		assertThat(running.result()).isEqualTo("ended");
	}

	@Test
	void aWaiterCancelledWhileItsChannelIsGrantedLeaksNoChannel() throws Exception {
		race(false);
	}

	@Test
	void aWaiterWithdrawnWhileItsChannelIsGrantedLeaksNoChannel() throws Exception {
		race(true);
	}

	/**
	 * Many rounds of: one call ends (granting its channel to the one waiting) while, on
	 * another thread, the waiting one is cancelled or withdrawn. Whoever wins, every
	 * channel is free at the end and work that started was either cancelled or ended.
	 */
	private void race(boolean withdraw) throws Exception {
		ChannelQuota quota = new ChannelQuota(1, 1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 20_000; round++) {
				Call running = Call.on(quota, SHOP);
				Sinks.Empty<Void> withdrawal = Sinks.empty();
				Call waiting = Call.on(quota, SHOP, withdrawal.asMono());
				CyclicBarrier start = new CyclicBarrier(2);
				Future<?> end = threads.submit(() -> {
					start.await();
					running.end();
					return null;
				});
				Future<?> leave = threads.submit(() -> {
					start.await();
					if (withdraw) {
						withdrawal.tryEmitEmpty();
					}
					else {
						waiting.cancel();
					}
					return null;
				});
				end.get(5, TimeUnit.SECONDS);
				leave.get(5, TimeUnit.SECONDS);
				if (waiting.started() && !waiting.cancelled()) {
					// granted before the cancellation or the withdrawal: it owns the
					// channel
					waiting.end();
				}

				assertThat(quota.active()).as("channels in use after round %d", round).isZero();
				assertThat(quota.waiting()).as("waiting after round %d", round).isZero();
				assertThat(waiting.started() && waiting.completedEmpty()).as("withdrawn but started, round %d", round)
					.isFalse();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Work that holds a channel until {@link #end()}, observed from outside. */
	private static final class Call {

		private final Sinks.Empty<Void> ending = Sinks.empty();

		private volatile boolean started;

		private volatile boolean cancelled;

		private volatile boolean completedEmpty;

		private volatile String result;

		private Disposable subscription;

		static Call on(ChannelQuota quota, MerchantId merchant) {
			return on(quota, merchant, Mono.never());
		}

		static Call on(ChannelQuota quota, MerchantId merchant, Mono<Void> withdrawn) {
			Call call = new Call();
			call.subscription = quota.withChannel(merchant, withdrawn, () -> {
				call.started = true;
				return call.ending.asMono().thenReturn("ended").doOnCancel(() -> call.cancelled = true);
			}).subscribe((value) -> call.result = value, null, () -> call.completedEmpty = call.result == null);
			return call;
		}

		boolean started() {
			return this.started;
		}

		boolean cancelled() {
			return this.cancelled;
		}

		boolean completedEmpty() {
			return this.completedEmpty;
		}

		String result() {
			return this.result;
		}

		void end() {
			this.ending.tryEmitEmpty();
		}

		void cancel() {
			this.subscription.dispose();
		}

	}

}
