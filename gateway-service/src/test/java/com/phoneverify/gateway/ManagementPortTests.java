package com.phoneverify.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator listens on a management port of its own by default (8090), not on the
 * merchant-facing 8080, so probes and metrics need not be reachable by merchants.
 */
class ManagementPortTests {

	@Test
	void actuatorHasItsOwnPortByDefault() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("gateway-service", new ClassPathResource("gateway-service.yaml"))
			.forEach(environment.getPropertySources()::addLast);
		assertThat(environment.getProperty("server.port")).isEqualTo("8080");
		assertThat(environment.getProperty("management.server.port")).isEqualTo("8090");
	}

}
