package com.phoneverify.ars.call;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.phoneverify.ars.settings.ArsProperties;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The call runner over the trunk ({@code ars.sip.ring-timeout},
 * {@code ars.sip.hang-up-grace}), the call stops and the destination policy
 * ({@code ars.destinations.*}).
 */
@Configuration(proxyBeanMethods = false)
class CallConfiguration {

	@Bean
	CallRunner callRunner(Trunk trunk, ArsProperties properties, Clock clock, Scheduler arsCallScheduler) {
		return new CallRunner(trunk, properties.sip().ringTimeout(), properties.sip().hangUpGrace(), clock,
				arsCallScheduler);
	}

	/** {@code ars.destinations.*}: which numbers may be dialled. */
	@Bean
	DestinationPolicy destinationPolicy(ArsProperties properties) {
		ArsProperties.Destinations destinations = properties.destinations();
		Map<String, List<String>> merchants = new HashMap<>();
		destinations.merchants().forEach((merchant, own) -> merchants.put(merchant, own.allowedPrefixes()));
		return new DestinationPolicy(destinations.allowedPrefixes(), merchants);
	}

	@Bean
	CallStops callStops(Scheduler arsCallScheduler) {
		return new CallStops(arsCallScheduler, CallStops.DEFAULT_REMEMBERED);
	}

}
