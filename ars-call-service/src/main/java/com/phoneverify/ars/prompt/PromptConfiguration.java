package com.phoneverify.ars.prompt;

import com.phoneverify.ars.scenario.ScenarioCatalog;
import com.phoneverify.ars.settings.ArsProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The prompt library ({@code ars.prompts.*}), the scenarios' {@code Voice}: every prompt
 * of the catalog is prepared at startup.
 */
@Configuration(proxyBeanMethods = false)
class PromptConfiguration {

	@Bean
	PromptLibrary promptLibrary(ArsProperties properties, ScenarioCatalog catalog) {
		PromptLibrary library = new PromptLibrary(new EspeakTextToSpeech(properties.prompts().espeakCommand()),
				properties.prompts().cacheDirOrDefault(), PromptConfiguration.class.getClassLoader());
		library.prepare(catalog.fragments());
		return library;
	}

}
