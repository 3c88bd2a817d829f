package com.phoneverify.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.phoneverify.messaging.MessagingProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * No key and no pepper ships in the gateway's jar: its configuration files hold none, so
 * a gateway started from them alone refuses to start, naming what to set (issue 13, #1).
 */
class ShippedConfigurationTests {

	private static final String KEY_A = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=";

	private static final String KEY_B = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

	@Test
	void theShippedConfigurationFilesHoldNoKeyAndNoPepper() throws IOException {
		Map<String, Object> properties = shippedProperties();
		assertThat(properties).as("the gateway's shipped configuration was read")
			.containsKey("spring.application.name");
		assertThat(secrets(properties)).as("keys or peppers in the shipped configuration").isEmpty();
	}

	@Test
	void aGatewayStartedFromItsShippedConfigurationAloneRefusesToStartNamingTheKeyRing() {
		// ConfigDataApplicationContextInitializer reads application.yaml and what it
		// imports (gateway-service.yaml), as the jar would
		contextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("gateway.sealing."));
	}

	@Test
	void aGatewayWithoutItsCodePepperRefusesToStartNamingTheProperty() {
		contextRunner().withPropertyValues(rings())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("gateway.verification.code-pepper"));
	}

	@Test
	void aPepperShorterThan16BytesIsRefused() {
		contextRunner().withPropertyValues(rings())
			.withPropertyValues("gateway.verification.code-pepper=c2hvcnQ=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("gateway.verification.code-pepper"));
	}

	@Test
	void withBothRingsAndAPepperTheGatewayConfigurationStarts() {
		contextRunner().withPropertyValues(rings())
			.withPropertyValues("gateway.verification.code-pepper=" + KEY_A)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withUserConfiguration(GatewayConfiguration.class, Properties.class)
			.withBean(ReactiveTransactionManager.class, () -> mock(ReactiveTransactionManager.class))
			.withPropertyValues("messaging.produces.auth-requested.partitions=1",
					"messaging.produces.verification-outcomes.partitions=1");
	}

	private static String[] rings() {
		return new String[] { "gateway.sealing.at-rest.keys.r1=" + KEY_A, "gateway.sealing.at-rest.current-key-id=r1",
				"gateway.sealing.events.keys.k1=" + KEY_B, "gateway.sealing.events.current-key-id=k1" };
	}

	/**
	 * Every property of every YAML file and {@code application*.properties} on the class
	 * path outside the test resources: the files the jar ships (this module's) and its
	 * dependencies'.
	 */
	static Map<String, Object> shippedProperties() throws IOException {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<Resource> resources = new ArrayList<>();
		for (String pattern : List.of("classpath*:*.yaml", "classpath*:*.yml", "classpath*:application.yaml",
				"classpath*:gateway-service.yaml", "classpath*:config/*.yaml", "classpath*:config/*.yml")) {
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
	static Map<String, Object> secrets(Map<String, Object> properties) {
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

	@EnableConfigurationProperties({ GatewayProperties.class, MessagingProperties.class })
	static class Properties {

	}

}
