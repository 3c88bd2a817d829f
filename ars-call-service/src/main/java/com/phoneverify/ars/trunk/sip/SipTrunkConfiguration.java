package com.phoneverify.ars.trunk.sip;

import com.phoneverify.ars.media.RtpMedia;
import com.phoneverify.ars.settings.ArsProperties;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SIP trunk ({@code ars.sip.*}), the service's {@code Trunk}. */
@Configuration(proxyBeanMethods = false)
class SipTrunkConfiguration {

	@Bean(destroyMethod = "close")
	SipTrunk sipTrunk(ArsProperties properties, RtpMedia media, Scheduler arsCallScheduler) {
		return new SipTrunk(properties.sip(), media, arsCallScheduler);
	}

}
