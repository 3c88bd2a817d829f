package com.phoneverify.gateway;

import java.util.HashMap;
import java.util.Map;

import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

class SealingKeyRingsTests {

	private static final String KEY_A = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=";

	private static final String KEY_B = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

	private final GatewayConfiguration configuration = new GatewayConfiguration();

	@Test
	void secretsAtRestAndEventFieldsAreSealedWithSeparateRingsThatCannotOpenEachOther() {
		GatewayProperties properties = bind(Map.of("gateway.sealing.at-rest.keys.rest-1", KEY_A,
				"gateway.sealing.at-rest.current-key-id", "rest-1", "gateway.sealing.events.keys.events-1", KEY_B,
				"gateway.sealing.events.current-key-id", "events-1"));
		Sealer atRest = this.configuration.atRestSealer(properties);
		Sealer events = this.configuration.eventSealer(properties);
		SealedValue secret = atRest.seal("merchant secret", "api-credential/pk_1/secret");
		SealedValue phone = events.seal("+821012345678", "v/phone");
		assertThat(secret.keyId()).isEqualTo("rest-1");
		assertThat(phone.keyId()).isEqualTo("events-1");
		assertThatExceptionOfType(Sealer.SealingException.class)
			.isThrownBy(() -> events.open(secret, "api-credential/pk_1/secret"));
		assertThatExceptionOfType(Sealer.SealingException.class).isThrownBy(() -> atRest.open(phone, "v/phone"));
	}

	@Test
	void aMissingRingStopsTheStartNamingItsProperties() {
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.eventSealer(bind(Map.of())))
			.withMessageContaining("gateway.sealing.events.keys")
			.withMessageContaining("gateway.sealing.events.current-key-id");
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.atRestSealer(bind(Map.of())))
			.withMessageContaining("gateway.sealing.at-rest.keys")
			.withMessageContaining("gateway.sealing.at-rest.current-key-id");
	}

	@Test
	void aRingWithoutItsCurrentKeyIdStopsTheStart() {
		assertThatIllegalStateException()
			.isThrownBy(
					() -> this.configuration.eventSealer(bind(Map.of("gateway.sealing.events.keys.events-1", KEY_B))))
			.withMessageContaining("gateway.sealing.events.current-key-id");
	}

	@Test
	void theFlatRingOfEarlierVersionsIsNoLongerRead() {
		// gateway.sealing.keys / current-key-id were once a fallback for either ring
		Map<String, String> config = new HashMap<>(Map.of("gateway.sealing.keys.old-1", KEY_A,
				"gateway.sealing.current-key-id", "old-1", "gateway.sealing.at-rest.keys.rest-1", KEY_B,
				"gateway.sealing.at-rest.current-key-id", "rest-1"));
		GatewayProperties properties = bind(config);
		assertThat(this.configuration.atRestSealer(properties).seal("x", "y").keyId()).isEqualTo("rest-1");
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.eventSealer(properties))
			.withMessageContaining("gateway.sealing.events.keys");
	}

	@Test
	void aGatewayWithoutItsEventsRingDoesNotStartAndSaysWhichPropertyIsMissing() {
		new ApplicationContextRunner().withUserConfiguration(GatewayConfiguration.class, Properties.class)
			.withBean(ReactiveTransactionManager.class, () -> mock(ReactiveTransactionManager.class))
			.withPropertyValues("gateway.sealing.at-rest.keys.rest-1=" + KEY_A,
					"gateway.sealing.at-rest.current-key-id=rest-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("gateway.sealing.events.keys"));
	}

	@EnableConfigurationProperties(GatewayProperties.class)
	static class Properties {

	}

	private static GatewayProperties bind(Map<String, String> config) {
		return new Binder(new MapConfigurationPropertySource(config)).bindOrCreate("gateway", GatewayProperties.class);
	}

}
