package com.phoneverify.transfer.telco;

import com.phoneverify.transfer.consent.TelcoNameCheck;
import com.phoneverify.transfer.settings.TransferProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The telco name check at {@code transfer.telco.base-url}. */
@Configuration(proxyBeanMethods = false)
class TelcoConfiguration {

	@Bean
	TelcoNameCheck telcoNameCheck(TransferProperties properties) {
		return new HttpTelcoNameCheck(WebClient.builder().baseUrl(properties.telco().baseUrl().toString()).build(),
				properties.telco().timeout());
	}

}
