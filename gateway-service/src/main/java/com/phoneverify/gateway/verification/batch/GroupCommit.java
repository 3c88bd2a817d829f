package com.phoneverify.gateway.verification.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * Gathers items submitted concurrently into batches, each written in one transaction by a
 * {@link Writer}, with at most {@code maxInFlight} batches in flight. There is no timer:
 * an item submitted while fewer than {@code maxInFlight} batches are in flight is written
 * at once (alone, when it is alone), and items submitted meanwhile wait for the next free
 * slot and go together, at most {@code maxBatchSize} per batch. So a lone request pays no
 * extra latency, and under load batches grow by themselves with the commit time.
 *
 * <p>
 * Each submitter learns its own outcome only, and only after its batch's transaction
 * ended: a batch the writer refuses in part completes the refused items with their errors
 * and the rest normally; a batch that fails as a whole stored nothing (as far as the
 * submitter knows: a commit whose answer was lost did store it, so
 * {@link Writer#writeOne} must recognise an item stored before), and then each of its
 * items is written alone, so a bad item fails alone.
 *
 * <p>
 * Bounded: at most {@code maxQueued} items wait, and none longer than {@code maxWait}. An
 * item beyond the bound, or waiting too long (the database is stalled), fails at once
 * with {@link Overloaded} and is never written; so is an item whose submitter cancelled
 * (the client left) before its batch started. Once its batch started, an item is written
 * and its submitter learns the outcome, so nothing is stored behind an error.
 *
 * <p>
 * Thread-safe and lock-free; {@link #submit} never blocks.
 *
 * @param <T> what is written
 */
public final class GroupCommit<T> {

	/** How items are stored. */
	public interface Writer<T> {

		/**
		 * Stores one item in a transaction of its own. Also called for the items of a
		 * batch that failed as a whole, which may have been stored after all (the commit
		 * succeeded, its answer was lost): such an item must succeed, not fail as a
		 * duplicate.
		 */
		Mono<Void> writeOne(T item);

		/**
		 * Stores the items (two or more) in one transaction. Emits the items it did not
		 * store, by their position in {@code items}, with the error each submitter gets;
		 * all the others are committed. Errors when the transaction stored nothing.
		 */
		Mono<Map<Integer, Throwable>> writeAll(List<T> items);

		/**
		 * Whether the items of a batch that failed as a whole should be written alone
		 * (the failure may be one bad item), or all fail with the batch's error (the
		 * database timed out or is gone: writing each alone would only wait longer).
		 */
		default boolean retryAlone(Throwable batchFailure) {
			return true;
		}

	}

	/**
	 * The item was not written: too many items were waiting, or it waited longer than
	 * allowed.
	 */
	public static final class Overloaded extends RuntimeException {

		Overloaded(String message) {
			super(message, null, false, false);
		}

	}

	private final Writer<T> writer;

	private final int maxBatchSize;

	private final int maxInFlight;

	private final BatchListener listener;

	private final int maxQueued;

	private final Duration maxWait;

	private final Queue<Pending<T>> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicInteger wip = new AtomicInteger();

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * @param maxBatchSize the most items in one batch (1 writes every item alone)
	 * @param maxInFlight the most batches written at the same time
	 * @param maxQueued the most items waiting for a batch
	 * @param maxWait the longest an item waits for its batch to start
	 * @param listener told the size of each batch before it is written
	 */
	public GroupCommit(Writer<T> writer, int maxBatchSize, int maxInFlight, int maxQueued, Duration maxWait,
			BatchListener listener) {
		if (maxBatchSize < 1 || maxInFlight < 1 || maxQueued < 1) {
			throw new IllegalArgumentException("maxBatchSize, maxInFlight and maxQueued must be positive");
		}
		this.writer = writer;
		this.maxBatchSize = maxBatchSize;
		this.maxInFlight = maxInFlight;
		this.maxQueued = maxQueued;
		this.maxWait = maxWait;
		this.listener = listener;
	}

	/**
	 * Writes the item with others submitted meanwhile; completes once its transaction
	 * committed, or errors with this item's error, or with {@link Overloaded}. Cancelling
	 * withdraws the item if its batch has not started.
	 */
	public Mono<Void> submit(T item) {
		return Mono.create((sink) -> {
			if (this.queued.incrementAndGet() > this.maxQueued) {
				this.queued.decrementAndGet();
				sink.error(new Overloaded(this.maxQueued + " items are already waiting"));
				return;
			}
			Pending<T> pending = new Pending<>(item, sink, new AtomicInteger(WAITING));
			Disposable timeout = Schedulers.parallel().schedule(() -> {
				if (pending.withdraw()) {
					sink.error(new Overloaded("waited " + this.maxWait.toMillis() + " ms for the database"));
				}
			}, this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
			sink.onDispose(timeout);
			sink.onCancel(pending::withdraw);
			this.queue.offer(pending);
			drain();
		});
	}

	/** Starts batches while there are items waiting and a free slot. */
	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			while (this.inFlight.get() < this.maxInFlight && !this.queue.isEmpty()) {
				List<Pending<T>> batch = new ArrayList<>();
				Pending<T> next;
				while (batch.size() < this.maxBatchSize && (next = this.queue.poll()) != null) {
					this.queued.decrementAndGet();
					if (next.claim()) {
						batch.add(next);
					}
				}
				if (batch.isEmpty()) {
					continue;
				}
				this.inFlight.incrementAndGet();
				this.listener.batchStarted(batch.size());
				write(batch).doFinally((signal) -> {
					this.inFlight.decrementAndGet();
					drain();
				}).subscribe();
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private Mono<Void> write(List<Pending<T>> batch) {
		if (batch.size() == 1) {
			return writeAlone(batch.get(0));
		}
		List<T> items = new ArrayList<>(batch.size());
		for (Pending<T> pending : batch) {
			items.add(pending.item());
		}
		return Mono.defer(() -> this.writer.writeAll(items)).single().doOnNext((refused) -> {
			for (int i = 0; i < batch.size(); i++) {
				Throwable error = refused.get(i);
				if (error != null) {
					batch.get(i).sink().error(error);
				}
				else {
					batch.get(i).sink().success();
				}
			}
		})
			.then()
			// nothing was stored (or the answer was lost: writeOne recognises what was):
			// each alone, so that only a bad item fails, unless the database itself
			// failed
			.onErrorResume((ex) -> {
				if (!this.writer.retryAlone(ex)) {
					batch.forEach((pending) -> pending.sink().error(ex));
					return Mono.empty();
				}
				return Flux.fromIterable(batch).concatMap(this::writeAlone).then();
			});
	}

	private Mono<Void> writeAlone(Pending<T> pending) {
		return Mono.defer(() -> this.writer.writeOne(pending.item()))
			.doOnSuccess((done) -> pending.sink().success())
			.onErrorResume((ex) -> {
				pending.sink().error(ex);
				return Mono.empty();
			});
	}

	/** Observes batching, e.g. for a metric of batch sizes. */
	@FunctionalInterface
	public interface BatchListener {

		BatchListener NONE = (size) -> {
		};

		void batchStarted(int size);

	}

	private static final int WAITING = 0;

	private static final int WRITING = 1;

	private static final int WITHDRAWN = 2;

	private record Pending<T>(T item, MonoSink<Void> sink, AtomicInteger state) {

		/** Taken into a batch: from now on it is written. */
		boolean claim() {
			return this.state.compareAndSet(WAITING, WRITING);
		}

		/** Never to be written: timed out or cancelled before its batch. */
		boolean withdraw() {
			return this.state.compareAndSet(WAITING, WITHDRAWN);
		}

	}

}
