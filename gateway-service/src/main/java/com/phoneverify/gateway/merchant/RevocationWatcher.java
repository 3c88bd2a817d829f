package com.phoneverify.gateway.merchant;

import java.time.Duration;

import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.messaging.support.PeriodicTask;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Makes a revocation by any instance take effect on this one within seconds: every
 * {@code revocationCheckInterval} it asks the database which keys were revoked lately and
 * drops them from the {@link MerchantDirectory}'s memory. The look-back is much longer
 * than the interval, so a revocation committed late, or a check that failed, is still
 * seen by the next one.
 */
@Component
class RevocationWatcher extends PeriodicTask {

	private final MerchantStore store;

	private final MerchantDirectory directory;

	private final Duration lookBack;

	RevocationWatcher(MerchantStore store, MerchantDirectory directory, GatewayProperties properties) {
		super(Duration.ZERO, properties.credentials().revocationCheckInterval(), "Looking for revoked API keys");
		this.store = store;
		this.directory = directory;
		this.lookBack = properties.credentials().revocationCheckInterval().multipliedBy(30).plusSeconds(30);
	}

	/** Looks once; completes when the revoked keys are forgotten. */
	@Override
	protected Mono<Void> runOnce() {
		return this.store.revokedWithin(this.lookBack)
			.doOnNext(this.directory::forget)
			.then(Mono.fromRunnable(this.directory::revocationsChecked));
	}

}
