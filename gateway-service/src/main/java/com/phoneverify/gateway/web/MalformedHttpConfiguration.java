package com.phoneverify.gateway.web;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Problem documents for requests that are not valid HTTP ({@link MalformedHttpRequests}).
 */
@Configuration(proxyBeanMethods = false)
class MalformedHttpConfiguration {

	@Bean
	NettyServerCustomizer malformedHttpRequests() {
		return MalformedHttpRequests.customizer();
	}

}
