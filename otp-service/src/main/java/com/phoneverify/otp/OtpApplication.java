package com.phoneverify.otp;

import com.phoneverify.otp.settings.OtpProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Runs the OTP service on its own. */
@SpringBootApplication
@EnableConfigurationProperties(OtpProperties.class)
public class OtpApplication {

	public static void main(String[] args) {
		SpringApplication.run(OtpApplication.class, args);
	}

}
