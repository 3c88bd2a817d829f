package com.phoneverify.transfer.telco;

import com.phoneverify.transfer.consent.TelcoNameCheck;
import com.phoneverify.transfer.settings.TransferProperties;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The telco name check at {@code transfer.telco.base-url}, on HTTP client resources of
 * its own: Reactor Netty's global ones are disposed when any Spring context of the JVM
 * closes, which in devstack (several services in one JVM) would cut this client off.
 */
@Configuration(proxyBeanMethods = false)
class TelcoConfiguration {

	@Bean(destroyMethod = "dispose")
	LoopResources telcoHttpLoops() {
		return LoopResources.create("telco-http", 1, true);
	}

	@Bean(destroyMethod = "dispose")
	ConnectionProvider telcoHttpConnections() {
		return ConnectionProvider.create("telco-http", 50);
	}

	@Bean
	TelcoNameCheck telcoNameCheck(TransferProperties properties, LoopResources telcoHttpLoops,
			ConnectionProvider telcoHttpConnections) {
		HttpClient http = HttpClient.create(telcoHttpConnections).runOn(telcoHttpLoops);
		return new HttpTelcoNameCheck(WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.baseUrl(properties.telco().baseUrl().toString())
			.build(), properties.telco().timeout());
	}

}
