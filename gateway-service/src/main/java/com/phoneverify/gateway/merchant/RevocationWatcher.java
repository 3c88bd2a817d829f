package com.phoneverify.gateway.merchant;

import java.time.Duration;

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
 * Makes a revocation by any instance take effect on this one within seconds: every
 * {@code revocationCheckInterval} it asks the database which keys were revoked lately and
 * drops them from the {@link MerchantDirectory}'s memory. The look-back is much longer
 * than the interval, so a revocation committed late, or a check that failed, is still
 * seen by the next one.
 */
@Component
class RevocationWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RevocationWatcher.class);

	private final MerchantStore store;

	private final MerchantDirectory directory;

	private final Duration interval;

	private final Duration lookBack;

	private volatile @Nullable Disposable loop;

	RevocationWatcher(MerchantStore store, MerchantDirectory directory, GatewayProperties properties) {
		this.store = store;
		this.directory = directory;
		this.interval = properties.credentials().revocationCheckInterval();
		this.lookBack = this.interval.multipliedBy(30).plusSeconds(30);
	}

	/** Looks once; completes when the revoked keys are forgotten. */
	Mono<Void> check() {
		return this.store.revokedWithin(this.lookBack)
			.doOnNext(this.directory::forget)
			.then(Mono.fromRunnable(this.directory::revocationsChecked));
	}

	@Override
	public void start() {
		this.loop = Flux.interval(Duration.ZERO, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> check().onErrorResume((ex) -> {
				log.warn("Looking for revoked API keys failed, will retry: {}", ex.toString());
				return Mono.empty();
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
