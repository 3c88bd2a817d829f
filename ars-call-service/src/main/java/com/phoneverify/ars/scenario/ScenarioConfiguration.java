package com.phoneverify.ars.scenario;

import com.phoneverify.ars.settings.ArsProperties;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** The scenario catalog ({@code ars.scenarios.location}) and the engine that runs it. */
@Configuration(proxyBeanMethods = false)
class ScenarioConfiguration {

	@Bean
	ScenarioCatalog scenarioCatalog(ArsProperties properties, ResourceLoader resources) {
		String location = properties.scenarios().location();
		String base = location.endsWith("/") ? location : location + "/";
		return ScenarioCatalog.load((name) -> {
			Resource resource = resources.getResource(base + name);
			return resource.exists() ? resource.getInputStream() : null;
		});
	}

	@Bean
	ScenarioEngine scenarioEngine(Voice voice, Scheduler arsCallScheduler) {
		return new ScenarioEngine(voice, arsCallScheduler);
	}

}
