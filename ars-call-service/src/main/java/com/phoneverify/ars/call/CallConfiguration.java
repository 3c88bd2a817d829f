package com.phoneverify.ars.call;

import java.time.Clock;

import com.phoneverify.ars.settings.ArsProperties;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The call runner over the trunk ({@code ars.sip.ring-timeout},
 * {@code ars.sip.hang-up-grace}) and the call stops.
 */
@Configuration(proxyBeanMethods = false)
class CallConfiguration {

	@Bean
	CallRunner callRunner(Trunk trunk, ArsProperties properties, Clock clock, Scheduler arsCallScheduler) {
		return new CallRunner(trunk, properties.sip().ringTimeout(), properties.sip().hangUpGrace(), clock,
				arsCallScheduler);
	}

	@Bean
	CallStops callStops(Scheduler arsCallScheduler) {
		return new CallStops(arsCallScheduler, CallStops.DEFAULT_REMEMBERED);
	}

}
