package com.phoneverify.gateway.verification;

import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.messaging.support.PeriodicTask;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Moves pending verifications past their expiry to expired, so every accepted
 * verification reaches a final status even when no call result comes. Safe with several
 * instances (rows are claimed with {@code SKIP LOCKED}).
 */
@Component
class ExpirySweeper extends PeriodicTask {

	private final Verifications verifications;

	private final GatewayProperties.Verification properties;

	ExpirySweeper(Verifications verifications, GatewayProperties properties) {
		super(properties.verification().sweepInterval(), properties.verification().sweepInterval(),
				"Expiring verifications");
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
	protected Mono<Long> runOnce() {
		return sweep();
	}

}
