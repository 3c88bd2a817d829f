package com.phoneverify.sms;

import com.phoneverify.sms.settings.SmsProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Runs the SMS relay on its own. */
@SpringBootApplication
@EnableConfigurationProperties(SmsProperties.class)
public class SmsRelayApplication {

	public static void main(String[] args) {
		SpringApplication.run(SmsRelayApplication.class, args);
	}

}
