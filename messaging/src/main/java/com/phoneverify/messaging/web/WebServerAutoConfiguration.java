package com.phoneverify.messaging.web;

import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * What every service's HTTP server needs beside Spring Boot's defaults: for now,
 * {@link KeepAliveReads}. It lives here because this is the one library every service
 * loads.
 */
@AutoConfiguration
@ConditionalOnClass({ HttpServer.class, NettyServerCustomizer.class })
public class WebServerAutoConfiguration {

	@Bean
	NettyServerCustomizer keepAliveReads() {
		return KeepAliveReads.customizer();
	}

}
