package com.phoneverify.ars;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.contracts.EventCodec;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * No key ships in the call service's jar: its configuration files hold none, so a service
 * started from them alone refuses to start, naming what to set (issue 13, #1).
 */
class ShippedConfigurationTests {

	@Test
	void theShippedConfigurationFilesHoldNoKey() throws IOException {
		Map<String, Object> properties = shippedProperties();
		assertThat(properties).as("the service's shipped configuration was read")
			.containsEntry("spring.application.name", "ars-call-service");
		assertThat(secrets(properties)).as("keys or peppers in the shipped configuration").isEmpty();
	}

	@Test
	void aServiceStartedFromItsShippedConfigurationAloneRefusesToStartNamingTheKeyRing() {
		new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withUserConfiguration(Properties.class)
			.run((context) -> {
				ArsProperties properties = context.getBean(ArsProperties.class);
				assertThat(properties.sealing().keys()).isEmpty();
				assertThatIllegalStateException()
					.isThrownBy(() -> new ArsConfiguration().authRequestOpener(properties, new EventCodec()))
					.withMessageContaining("ars.sealing.keys");
			});
	}

	/**
	 * Every property of every YAML file on the class path outside the test resources: the
	 * files the jar ships (this module's) and its dependencies'.
	 */
	private static Map<String, Object> shippedProperties() throws IOException {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<Resource> resources = new ArrayList<>();
		for (String pattern : List.of("classpath*:*.yaml", "classpath*:*.yml", "classpath*:application.yaml",
				"classpath*:ars-call-service.yaml", "classpath*:config/*.yaml", "classpath*:config/*.yml")) {
			for (Resource resource : resolver.getResources(pattern)) {
				if (!resource.getURL().toString().contains("test-classes")) {
					resources.add(resource);
				}
			}
		}
		YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
		Map<String, Object> properties = new LinkedHashMap<>();
		for (Resource resource : resources) {
			for (PropertySource<?> source : loader.load(resource.getURL().toString(), resource)) {
				if (source instanceof EnumerablePropertySource<?> enumerable) {
					for (String name : enumerable.getPropertyNames()) {
						properties.put(name, enumerable.getProperty(name));
					}
				}
			}
		}
		return properties;
	}

	/** Properties that name a key of a ring or a pepper and have a value. */
	private static Map<String, Object> secrets(Map<String, Object> properties) {
		Map<String, Object> secrets = new LinkedHashMap<>();
		properties.forEach((name, value) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			boolean secret = lower.contains(".keys.") || lower.contains(".keys[") || lower.contains("pepper");
			if (secret && value != null && !value.toString().isBlank()) {
				secrets.put(name, value);
			}
		});
		return secrets;
	}

	@EnableConfigurationProperties(ArsProperties.class)
	static class Properties {

	}

}
