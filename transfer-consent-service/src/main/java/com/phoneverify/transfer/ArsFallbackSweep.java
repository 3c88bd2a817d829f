package com.phoneverify.transfer;

import java.time.Duration;

import com.phoneverify.transfer.consent.TransferService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * The ARS fallback: every {@code sweepInterval}, transfers still awaiting the SMS reply
 * {@code transfer.consent.ars-fallback-after} after their request get their one ARS call,
 * in batches until none is due. Several instances share the work ({@code SKIP LOCKED}).
 * Does nothing when the fallback is off.
 */
final class ArsFallbackSweep implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ArsFallbackSweep.class);

	private static final int BATCH = 100;

	private final TransferService transfers;

	private final Duration interval;

	private volatile @Nullable Disposable running;

	ArsFallbackSweep(TransferService transfers, Duration interval) {
		this.transfers = transfers;
		this.interval = interval;
	}

	@Override
	public void start() {
		if (!this.transfers.rules().arsFallback()) {
			logger.info("ARS fallback off (transfer.consent.ars-fallback-after=0)");
			this.running = Flux.<Long>never().subscribe();
			return;
		}
		this.running = Flux.interval(this.interval, this.interval, Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap((tick) -> sweep(), 1)
			.subscribe();
	}

	private Mono<Long> sweep() {
		return this.transfers.requestDueArsCalls(BATCH)
			.expand((count) -> (count == BATCH) ? this.transfers.requestDueArsCalls(BATCH) : Mono.empty())
			.reduce(0L, Long::sum)
			.onErrorResume((ex) -> {
				logger.warn("ARS fallback sweep failed; retried at the next interval", ex);
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
