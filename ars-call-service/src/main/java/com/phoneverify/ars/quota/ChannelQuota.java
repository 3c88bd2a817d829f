package com.phoneverify.ars.quota;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.phoneverify.contracts.MerchantId;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Admits calls under a global and a per-merchant channel limit. Waiting requests are
 * served first come, first served among those whose merchant has a free channel (a busy
 * merchant never blocks another's requests). Thread-safe.
 */
public final class ChannelQuota {

	private final int globalLimit;

	private final int perMerchantLimit;

	private final LinkedList<Waiter> waiting = new LinkedList<>();

	private final Map<MerchantId, Integer> activeByMerchant = new HashMap<>();

	private int active;

	/**
	 * @param globalLimit calls at once over all merchants, at least 1
	 * @param perMerchantLimit calls at once per merchant, at least 1
	 */
	public ChannelQuota(int globalLimit, int perMerchantLimit) {
		if (globalLimit < 1 || perMerchantLimit < 1) {
			throw new IllegalArgumentException("channel limits must be at least 1");
		}
		this.globalLimit = globalLimit;
		this.perMerchantLimit = perMerchantLimit;
	}

	/**
	 * A channel for one call of {@code merchant}.
	 * @return emits the permit when a channel is free (at once if one is); cancelling
	 * while waiting leaves the queue
	 */
	public Mono<Permit> acquire(MerchantId merchant) {
		return Mono.create((sink) -> {
			Waiter waiter = new Waiter(merchant, sink);
			synchronized (this) {
				this.waiting.add(waiter);
			}
			sink.onCancel(() -> {
				synchronized (this) {
					this.waiting.remove(waiter);
				}
			});
			drain();
		});
	}

	/** Calls admitted and not yet released. */
	public synchronized int active() {
		return this.active;
	}

	/** Requests waiting for a channel. */
	public synchronized int waiting() {
		return this.waiting.size();
	}

	private void drain() {
		List<Runnable> grants = new ArrayList<>();
		synchronized (this) {
			Iterator<Waiter> it = this.waiting.iterator();
			while (it.hasNext() && this.active < this.globalLimit) {
				Waiter waiter = it.next();
				int merchantActive = this.activeByMerchant.getOrDefault(waiter.merchant, 0);
				if (merchantActive < this.perMerchantLimit) {
					it.remove();
					this.active++;
					this.activeByMerchant.put(waiter.merchant, merchantActive + 1);
					Permit permit = new Permit(waiter.merchant);
					grants.add(() -> waiter.sink.success(permit));
				}
			}
		}
		// complete outside the lock: the subscriber may start work synchronously
		grants.forEach(Runnable::run);
	}

	private void release(MerchantId merchant) {
		synchronized (this) {
			this.active--;
			this.activeByMerchant.computeIfPresent(merchant, (key, count) -> (count <= 1) ? null : count - 1);
		}
		drain();
	}

	private record Waiter(MerchantId merchant, MonoSink<Permit> sink) {
	}

	/** One admitted call's channel. Release it when the call has ended. */
	public final class Permit {

		private final MerchantId merchant;

		private final AtomicBoolean released = new AtomicBoolean();

		private Permit(MerchantId merchant) {
			this.merchant = merchant;
		}

		/** Frees the channel for the next waiting request. Idempotent. */
		public void release() {
			if (this.released.compareAndSet(false, true)) {
				ChannelQuota.this.release(this.merchant);
			}
		}

	}

}
