package com.phoneverify.gateway.verification;

import com.phoneverify.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves pending verifications past their expiry to expired, so every accepted
 * verification reaches a final status even when no call result comes. Safe with several
 * instances (rows are claimed with {@code SKIP LOCKED}).
 */
@Component
class ExpirySweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

	private final Verifications verifications;

	private final GatewayProperties.Verification properties;

	private volatile @Nullable Disposable loop;

	ExpirySweeper(Verifications verifications, GatewayProperties properties) {
		this.verifications = verifications;
		this.properties = properties.verification();
	}

	/** Expires everything due, a batch per transaction; emits how many. */
	Mono<Long> sweep() {
		return this.verifications.expireDue()
			.expand((count) -> (count >= this.properties.sweepBatchSize()) ? this.verifications.expireDue()
					: Mono.empty())
			.reduce(0L, Long::sum);
	}

	@Override
	public void start() {
		this.loop = Flux.interval(this.properties.sweepInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> sweep().onErrorResume((ex) -> {
				log.warn("Expiring verifications failed, will retry: {}", ex.toString());
				return Mono.just(0L);
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable loop = this.loop;
		if (loop != null) {
			loop.dispose();
		}
		this.loop = null;
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

}
