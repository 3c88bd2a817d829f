package com.phoneverify.ars;

import com.phoneverify.ars.settings.ArsProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Runs the ARS call service on its own. */
@SpringBootApplication
@EnableConfigurationProperties(ArsProperties.class)
public class ArsCallApplication {

	public static void main(String[] args) {
		SpringApplication.run(ArsCallApplication.class, args);
	}

}
