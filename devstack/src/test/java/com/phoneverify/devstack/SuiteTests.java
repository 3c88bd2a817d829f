package com.phoneverify.devstack;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite's list of services and its ports, without starting anything. */
class SuiteTests {

	@Test
	void theGatewayStartsFirstAndEveryServiceHasItsOwnNameAndPort() {
		List<String> names = Suite.SERVICES.stream().map(Suite.Service::name).toList();
		assertThat(names).containsExactly(Suite.GATEWAY, Suite.ARS, Suite.OTP, Suite.TRANSFER, Suite.SMS)
			.doesNotHaveDuplicates();
		assertThat(Suite.SERVICES.stream().map(Suite.Service::devstackHttpPort)).doesNotHaveDuplicates()
			.doesNotContain(Suite.GATEWAY_MANAGEMENT_PORT);
	}

	@Test
	void devstackPortsMoveByTheOffsetAndEphemeralPortsAreAnyFreePort() {
		assertThat(Suite.Ports.devstack(0).port(8080)).isEqualTo(8080);
		assertThat(Suite.Ports.devstack(1000).port(5070)).isEqualTo(6070);
		assertThat(Suite.Ports.ephemeral().port(8081)).isZero();
	}

}
