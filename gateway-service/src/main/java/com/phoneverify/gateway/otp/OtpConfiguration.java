package com.phoneverify.gateway.otp;

import com.phoneverify.gateway.GatewayProperties;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** The OTP back office at {@code gateway.otp.base-url}. */
@Configuration(proxyBeanMethods = false)
class OtpConfiguration {

	@Bean
	OtpBackOffice otpBackOffice(GatewayProperties properties) {
		HttpClient client = HttpClient.create().responseTimeout(properties.otp().timeout()).followRedirect(false);
		WebClient web = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(client))
			.baseUrl(properties.otp().baseUrl().toString())
			.build();
		return new WebClientOtpBackOffice(web, properties.otp().timeout());
	}

}
