package com.phoneverify.ars.quota;

import com.phoneverify.ars.settings.ArsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The channel quota ({@code ars.channels.*}) and its gauges. */
@Configuration(proxyBeanMethods = false)
class QuotaConfiguration {

	@Bean
	ChannelQuota channelQuota(ArsProperties properties, MeterRegistry meters) {
		ChannelQuota quota = new ChannelQuota(properties.channels().global(), properties.channels().perMerchant());
		Gauge.builder("ars.calls.active", quota, ChannelQuota::active)
			.description("Calls admitted and not yet ended")
			.register(meters);
		Gauge.builder("ars.calls.waiting", quota, ChannelQuota::waiting)
			.description("Requests waiting for a channel")
			.register(meters);
		return quota;
	}

}
