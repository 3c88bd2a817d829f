package com.phoneverify.gateway.retention;

import java.time.Clock;
import java.util.List;

import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.messaging.support.PeriodicPurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Applies every {@link RetentionRule} every {@code gateway.retention.purge-interval}, in
 * batches until nothing older than {@code gateway.retention.personal-data} is left. Safe
 * with several instances: each statement touches only rows not yet erased.
 */
@Component
class PersonalDataPurge extends PeriodicPurge {

	private static final Logger log = LoggerFactory.getLogger(PersonalDataPurge.class);

	private final List<RetentionRule> rules;

	private final GatewayProperties.Retention retention;

	private final Clock clock;

	PersonalDataPurge(List<RetentionRule> rules, GatewayProperties properties, Clock clock) {
		super(properties.retention().purgeInterval(), "personal data past its retention");
		this.rules = rules;
		this.retention = properties.retention();
		this.clock = clock;
	}

	@Override
	protected Mono<Long> purgeExpired() {
		var cutoff = this.clock.instant().minus(this.retention.personalData());
		int batch = this.retention.purgeBatchSize();
		return Flux.fromIterable(this.rules)
			.concatMap((rule) -> rule.eraseBefore(cutoff, batch)
				.expand((erased) -> (erased >= batch) ? rule.eraseBefore(cutoff, batch) : Mono.empty())
				.reduce(0L, Long::sum)
				.doOnNext((erased) -> {
					if (erased > 0) {
						log.info("Retention: erased {} {} of verifications created before {}", erased, rule.what(),
								cutoff);
					}
				}))
			.reduce(0L, Long::sum);
	}

}
