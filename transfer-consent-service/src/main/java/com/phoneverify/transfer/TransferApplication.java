package com.phoneverify.transfer;

import com.phoneverify.transfer.settings.TransferProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Runs transfer-consent-service on its own. */
@SpringBootApplication
@EnableConfigurationProperties(TransferProperties.class)
public class TransferApplication {

	public static void main(String[] args) {
		SpringApplication.run(TransferApplication.class, args);
	}

}
