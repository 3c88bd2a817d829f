package com.phoneverify.transfer;

import java.time.Duration;

import com.phoneverify.transfer.consent.TransferService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Releases the holds of transfers nobody answered, every {@code sweepInterval}, in
 * batches until none is due. Several instances share the work ({@code SKIP LOCKED}).
 */
final class ExpirySweep implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ExpirySweep.class);

	private static final int BATCH = 100;

	private final TransferService transfers;

	private final Duration interval;

	private volatile Disposable running;

	ExpirySweep(TransferService transfers, Duration interval) {
		this.transfers = transfers;
		this.interval = interval;
	}

	@Override
	public void start() {
		this.running = Flux.interval(this.interval, this.interval, Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap((tick) -> sweep(), 1)
			.subscribe();
	}

	private Mono<Long> sweep() {
		return this.transfers.expireDue(BATCH)
			.expand((count) -> (count == BATCH) ? this.transfers.expireDue(BATCH) : Mono.empty())
			.reduce(0L, Long::sum)
			.onErrorResume((ex) -> {
				logger.warn("Expiry sweep failed; retried at the next interval", ex);
				return Mono.just(0L);
			});
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
