package com.phoneverify.embedded;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot application at the JVM's shared broker and database: Kafka
 * bootstrap servers, R2DBC and Flyway (JDBC) URLs and credentials. The database is named
 * after {@code spring.application.name} (hyphens become underscores) and created on first
 * use. Use it with
 * {@code @ContextConfiguration(initializers = EmbeddedInfraInitializer.class)} or
 * {@code SpringApplicationBuilder.initializers(...)}.
 */
public class EmbeddedInfraInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private final EmbeddedInfra infra;

	/** Uses {@link EmbeddedInfra#shared()}. */
	public EmbeddedInfraInitializer() {
		this(null);
	}

	public EmbeddedInfraInitializer(EmbeddedInfra infra) {
		this.infra = infra;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		EmbeddedInfra target = (this.infra != null) ? this.infra : EmbeddedInfra.shared();
		ConfigurableEnvironment environment = context.getEnvironment();
		String database = environment.getProperty("spring.application.name", "app").replace('-', '_');
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedInfra",
					Map.of("spring.kafka.bootstrap-servers", target.kafkaBootstrapServers(), "spring.r2dbc.url",
							target.r2dbcUrl(database), "spring.r2dbc.username", target.username(),
							"spring.r2dbc.password", target.password(), "spring.flyway.url", target.jdbcUrl(database),
							"spring.flyway.user", target.username(), "spring.flyway.password", target.password())));
	}

}
