package com.phoneverify.ars;

import java.util.Map;

import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.contracts.EventCodec;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The service does not start without the events key ring, and says what to set. */
class SealingKeyRingTests {

	private static final String KEY = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

	private final ArsConfiguration configuration = new ArsConfiguration();

	@Test
	void withoutKeysTheStartFailsNamingBothProperties() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.authRequestOpener(bind(Map.of()), new EventCodec()))
			.withMessageContaining("ars.sealing.keys")
			.withMessageContaining("ars.sealing.current-key-id");
	}

	@Test
	void withoutACurrentKeyIdTheStartFails() {
		assertThatIllegalStateException().isThrownBy(
				() -> this.configuration.authRequestOpener(bind(Map.of("ars.sealing.keys.k1", KEY)), new EventCodec()))
			.withMessageContaining("ars.sealing.current-key-id");
	}

	@Test
	void withTheRingTheOpenerIsBuilt() {
		assertThat(this.configuration.authRequestOpener(
				bind(Map.of("ars.sealing.keys.k1", KEY, "ars.sealing.current-key-id", "k1")), new EventCodec()))
			.isNotNull();
	}

	private static ArsProperties bind(Map<String, String> config) {
		return new Binder(new MapConfigurationPropertySource(config)).bindOrCreate("ars", ArsProperties.class);
	}

}
