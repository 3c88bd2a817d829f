package com.phoneverify.transfer;

import java.time.Duration;
import java.util.function.IntFunction;

import com.phoneverify.messaging.support.PeriodicTask;
import reactor.core.publisher.Mono;

/**
 * A sweep over due transfers: every {@code interval}, batches of at most {@value #BATCH}
 * until a batch comes back short. Several instances share the work: each batch locks its
 * rows with {@code SKIP LOCKED}.
 */
class BatchedSweep extends PeriodicTask {

	static final int BATCH = 100;

	private final IntFunction<Mono<Long>> batch;

	/**
	 * @param batch handles at most the given number of due transfers in one transaction
	 * and tells how many it handled
	 */
	BatchedSweep(Duration interval, String what, IntFunction<Mono<Long>> batch) {
		super(interval, interval, what);
		this.batch = batch;
	}

	@Override
	protected Mono<Long> runOnce() {
		return this.batch.apply(BATCH)
			.expand((count) -> (count == BATCH) ? this.batch.apply(BATCH) : Mono.empty())
			.reduce(0L, Long::sum);
	}

}
