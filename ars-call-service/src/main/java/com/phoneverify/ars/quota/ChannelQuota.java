package com.phoneverify.ars.quota;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.phoneverify.contracts.MerchantId;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Admits calls under a global and a per-merchant channel limit. Waiting requests are
 * served first come, first served among those whose merchant has a free channel (a busy
 * merchant never blocks another's requests). Thread-safe.
 * <p>
 * The quota runs the admitted work itself and frees its channel when the work ends, is
 * cancelled, or is cancelled at the very moment its channel is granted: a channel never
 * crosses a reactive boundary where a cancelled subscriber could drop it.
 */
public final class ChannelQuota {

	private final int globalLimit;

	private final int perMerchantLimit;

	private final LinkedList<Waiter<?>> waiting = new LinkedList<>();

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
	 * Runs {@code work} on one of {@code merchant}'s channels, as
	 * {@link #withChannel(MerchantId, Mono, Supplier)} with nothing that withdraws it.
	 */
	public <T> Mono<T> withChannel(MerchantId merchant, Supplier<? extends Mono<T>> work) {
		return withChannel(merchant, Mono.never(), work);
	}

	/**
	 * Runs {@code work} on one of {@code merchant}'s channels: waits until one is free
	 * (not at all if one is), then subscribes to the work and frees the channel when it
	 * ends.
	 * @param withdrawn completing while the request still waits takes it out of the
	 * queue: the result then completes empty and {@code work} is never called; once the
	 * channel is granted it has no effect (the work must watch for it itself)
	 * @param work called once, when the channel is granted
	 * @return the work's result; empty if withdrawn while waiting. Cancelling it while
	 * waiting leaves the queue; cancelling it later cancels the work and frees the
	 * channel
	 */
	public <T> Mono<T> withChannel(MerchantId merchant, Mono<Void> withdrawn, Supplier<? extends Mono<T>> work) {
		return Mono.create((sink) -> {
			Waiter<T> waiter = new Waiter<>(merchant, sink, work);
			// registered before the waiter is queued, so no grant can come before it; a
			// MonoSink runs it only while the result is not yet delivered
			sink.onCancel(waiter::cancel);
			waiter.watch(withdrawn);
			synchronized (this) {
				if (waiter.isWaiting()) {
					this.waiting.add(waiter);
				}
			}
			drain();
		});
	}

	/** Calls admitted and not yet ended. */
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
			Iterator<Waiter<?>> it = this.waiting.iterator();
			while (it.hasNext() && this.active < this.globalLimit) {
				Waiter<?> waiter = it.next();
				int merchantActive = this.activeByMerchant.getOrDefault(waiter.merchant, 0);
				if (merchantActive < this.perMerchantLimit) {
					it.remove();
					Permit permit = new Permit(waiter.merchant);
					if (!waiter.grant(permit)) {
						// cancelled or withdrawn meanwhile: nothing to count
						continue;
					}
					this.active++;
					this.activeByMerchant.put(waiter.merchant, merchantActive + 1);
					grants.add(() -> waiter.start(permit));
				}
			}
		}
		// start outside the lock: the work may run synchronously
		grants.forEach(Runnable::run);
	}

	private void release(MerchantId merchant) {
		synchronized (this) {
			this.active--;
			this.activeByMerchant.computeIfPresent(merchant, (key, count) -> (count <= 1) ? null : count - 1);
		}
		drain();
	}

	private synchronized void leaveQueue(Waiter<?> waiter) {
		this.waiting.remove(waiter);
	}

	/**
	 * One request in line. Its state moves once, by compare-and-set, from waiting to
	 * granted (holding the {@link Permit}), cancelled or withdrawn, so a grant racing
	 * with a cancellation or a withdrawal has exactly one winner and the channel exactly
	 * one owner.
	 */
	private final class Waiter<T> {

		private static final Object CANCELLED = new Object();

		private static final Object WITHDRAWN = new Object();

		private final MerchantId merchant;

		private final MonoSink<T> sink;

		private final Supplier<? extends Mono<T>> work;

		/**
		 * null while waiting, then the {@link Permit}, {@link #CANCELLED} or
		 * {@link #WITHDRAWN}.
		 */
		private final AtomicReference<Object> state = new AtomicReference<>();

		private final Disposable.Swap watching = Disposables.swap();

		private final Disposable.Swap running = Disposables.swap();

		Waiter(MerchantId merchant, MonoSink<T> sink, Supplier<? extends Mono<T>> work) {
			this.merchant = merchant;
			this.sink = sink;
			this.work = work;
		}

		boolean isWaiting() {
			return this.state.get() == null;
		}

		void watch(Mono<Void> withdrawn) {
			this.watching.update(withdrawn.subscribe(null, (ex) -> withdraw(), this::withdraw));
		}

		/**
		 * @return false if the waiter was cancelled or withdrawn first
		 */
		boolean grant(Permit permit) {
			return this.state.compareAndSet(null, permit);
		}

		void start(Permit permit) {
			this.watching.dispose();
			if (this.state.get() != permit) {
				// cancelled since the grant; cancel() gave the channel back
				return;
			}
			Mono<T> mono;
			try {
				mono = Objects.requireNonNull(this.work.get(), "work");
			}
			catch (RuntimeException ex) {
				permit.release();
				this.sink.error(ex);
				return;
			}
			// a cancel() between the check above and here disposes the work at once; the
			// work sees the waiting request's context (its trace, for the logs)
			this.running.update(mono.contextWrite(this.sink.contextView()).subscribe((value) -> {
				permit.release();
				this.sink.success(value);
			}, (ex) -> {
				permit.release();
				this.sink.error(ex);
			}, () -> {
				permit.release();
				this.sink.success();
			}));
		}

		private void withdraw() {
			if (this.state.compareAndSet(null, WITHDRAWN)) {
				leaveQueue(this);
				this.sink.success();
			}
		}

		/** The subscriber went away before the result reached it. */
		void cancel() {
			Object previous = this.state.getAndSet(CANCELLED);
			this.watching.dispose();
			if (previous == null) {
				leaveQueue(this);
			}
			else if (previous instanceof Permit permit) {
				this.running.dispose();
				permit.release();
			}
		}

	}

	/** One admitted call's channel; released once, whoever gets there first. */
	private final class Permit {

		private final MerchantId merchant;

		private final AtomicBoolean released = new AtomicBoolean();

		private Permit(MerchantId merchant) {
			this.merchant = merchant;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				ChannelQuota.this.release(this.merchant);
			}
		}

	}

}
