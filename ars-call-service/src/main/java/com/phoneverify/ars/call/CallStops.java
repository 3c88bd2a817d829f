package com.phoneverify.ars.call;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.VerificationStatus;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Stops the calls of verifications that ended without them. A verification the merchant
 * canceled, or that expired, has no use for its call any more: a call still waiting for a
 * channel is never dialled, a ringing one is canceled (SIP CANCEL) and an answered one
 * hung up (BYE), each ending as {@code canceled}.
 * <p>
 * Every other final status leaves the call alone: {@code approved}, {@code denied} and
 * {@code max_attempts_reached} come from the customer typing the code on the merchant's
 * site while the call is finishing anyway (types A and B), and for type C they, like
 * {@code failed}, follow from this call's own {@code call-completed}, often while its
 * closing prompt still plays. Cutting those calls would only cut the goodbye.
 * <p>
 * The end of a verification may arrive before its call request (the two are read from
 * different topics); it is remembered (the most recent {@value #DEFAULT_REMEMBERED} ends
 * by default), so that call is never dialled either. Thread-safe.
 */
public final class CallStops {

	/** How many ended verifications are remembered by default. */
	public static final int DEFAULT_REMEMBERED = 100_000;

	private final Scheduler signals;

	private final Map<VerificationId, Entry> watched = new HashMap<>();

	private final Map<VerificationId, Boolean> ended;

	/**
	 * @param signals where {@link Stop#requested()} signals (never the thread that
	 * reported the end)
	 * @param remembered how many ended verifications to remember
	 */
	public CallStops(Scheduler signals, int remembered) {
		this.signals = signals;
		this.ended = new LinkedHashMap<>(1024, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<VerificationId, Boolean> eldest) {
				return size() > remembered;
			}
		};
	}

	/**
	 * Whether a verification that reached {@code status} stops its call: only an ARS
	 * verification that was canceled or expired.
	 */
	public static boolean stopsTheCall(Product product, VerificationStatus status) {
		return product == Product.ARS
				&& (status == VerificationStatus.CANCELED || status == VerificationStatus.EXPIRED);
	}

	/**
	 * A verification reached a final status.
	 * @return whether it stops its call (see {@link #stopsTheCall})
	 */
	public boolean verificationEnded(VerificationId id, Product product, VerificationStatus status) {
		if (!stopsTheCall(product, status)) {
			return false;
		}
		Entry entry;
		synchronized (this) {
			this.ended.put(id, Boolean.TRUE);
			entry = this.watched.get(id);
		}
		if (entry != null) {
			entry.request();
		}
		return true;
	}

	/**
	 * Starts watching for the end of a verification whose call is about to be handled.
	 * Close the returned {@link Stop} when the call is over.
	 */
	public Stop watch(VerificationId id) {
		Entry entry;
		boolean alreadyEnded;
		synchronized (this) {
			entry = this.watched.computeIfAbsent(id, (key) -> new Entry());
			entry.watchers++;
			alreadyEnded = this.ended.containsKey(id);
		}
		if (alreadyEnded) {
			entry.request();
		}
		return new Stop(id, entry);
	}

	/** Calls being watched (for tests and metrics). */
	public synchronized int watching() {
		return this.watched.size();
	}

	private synchronized void unwatch(VerificationId id, Entry entry) {
		if (--entry.watchers == 0) {
			this.watched.remove(id, entry);
		}
	}

	private static final class Entry {

		private final AtomicBoolean requested = new AtomicBoolean();

		private final Sinks.Empty<Void> sink = Sinks.empty();

		private int watchers;

		void request() {
			// the flag makes this the sink's only emitter
			if (this.requested.compareAndSet(false, true)) {
				this.sink.tryEmitEmpty();
			}
		}

	}

	/** Whether one call should stop, and when it is asked to. */
	public final class Stop implements AutoCloseable {

		private final VerificationId id;

		private final Entry entry;

		private final AtomicBoolean closed = new AtomicBoolean();

		private Stop(VerificationId id, Entry entry) {
			this.id = id;
			this.entry = entry;
		}

		/** Whether the verification has ended (so the call must not go on). */
		public boolean isRequested() {
			return this.entry.requested.get();
		}

		/** Completes when the verification ends (at once, if it already has). */
		public Mono<Void> requested() {
			return this.entry.sink.asMono().publishOn(CallStops.this.signals);
		}

		/** The call is over: stop watching. Idempotent. */
		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				unwatch(this.id, this.entry);
			}
		}

	}

}
