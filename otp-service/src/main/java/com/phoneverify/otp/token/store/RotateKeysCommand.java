package com.phoneverify.otp.token.store;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The {@code rotate-keys} command: {@code java -jar otp-service-*-exec.jar rotate-keys}
 * (with the service's configuration, the new key current, the old still in the ring)
 * re-seals every token secret under the current key, reports the count and exits. Started
 * without that argument, the service runs as usual.
 */
@Component
class RotateKeysCommand implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(RotateKeysCommand.class);

	private final SecretRotation rotation;

	private final ConfigurableApplicationContext context;

	RotateKeysCommand(SecretRotation rotation, ConfigurableApplicationContext context) {
		this.rotation = rotation;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.getNonOptionArgs().contains("rotate-keys")) {
			return;
		}
		// a command line tool, not a request path: waiting here is what it is for
		Long resealed = this.rotation.rotate().block(Duration.ofHours(1));
		Long remaining = this.rotation.remaining().block(Duration.ofMinutes(1));
		log.info("rotate-keys: {} token secrets re-sealed under the current key, {} left under other keys", resealed,
				remaining);
		System.exit(SpringApplication.exit(this.context, () -> (remaining != null && remaining == 0) ? 0 : 1));
	}

}
