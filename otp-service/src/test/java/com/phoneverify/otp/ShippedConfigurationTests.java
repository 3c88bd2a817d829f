package com.phoneverify.otp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.phoneverify.embedded.EmbeddedInfraInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No key ships with the service, and without its keys it does not start. */
class ShippedConfigurationTests {

	@Test
	void theShippedConfigurationHoldsNoKey() throws IOException {
		List<String> secrets = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (String file : List.of("application.yaml", "otp-service.yaml")) {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
				for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
					names.add(name);
					String lower = name.toLowerCase(Locale.ROOT);
					if (lower.contains(".keys") || lower.contains("lookup-key")) {
						secrets.add(name);
					}
				}
			}
		}
		assertThat(names).contains("spring.application.name", "messaging.produces.otp-verified.partitions");
		assertThat(secrets).isEmpty();
	}

	@Test
	void withoutItsKeysTheServiceRefusesToStartNamingTheProperty() {
		assertThatThrownBy(
				() -> new SpringApplicationBuilder(OtpApplication.class).initializers(new EmbeddedInfraInitializer())
					.run("--server.port=0", "--spring.main.banner-mode=off")
					.close())
			.rootCause()
			.hasMessageContaining("configure otp.");
	}

}
