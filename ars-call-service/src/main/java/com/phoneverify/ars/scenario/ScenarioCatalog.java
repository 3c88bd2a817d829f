package com.phoneverify.ars.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.phoneverify.contracts.ars.ArsScenario;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenario definitions the service runs, one per {@link ArsScenario}, read once at
 * start-up from JSON files named {@code <type>.json} (e.g. {@code C.json}).
 */
public final class ScenarioCatalog {

	private final Map<ArsScenario, ScenarioDefinition> definitions;

	private ScenarioCatalog(Map<ArsScenario, ScenarioDefinition> definitions) {
		this.definitions = Map.copyOf(definitions);
	}

	/**
	 * Reads one definition per type.
	 * @param open opens {@code <type>.json}, or returns null when there is none
	 * @throws IllegalStateException when a type has no definition or a file is invalid
	 */
	public static ScenarioCatalog load(ResourceOpener open) {
		// absent numbers and flags take the defaults the step records document
		JsonMapper mapper = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
		Map<ArsScenario, ScenarioDefinition> definitions = new EnumMap<>(ArsScenario.class);
		for (ArsScenario type : ArsScenario.values()) {
			String name = type.name() + ".json";
			try (InputStream in = open.open(name)) {
				if (in == null) {
					throw new IllegalStateException("no scenario definition " + name);
				}
				ScenarioDefinition definition = mapper.readValue(in, ScenarioDefinition.class);
				if (definition.scenario() != type) {
					throw new IllegalStateException(name + " defines scenario " + definition.scenario());
				}
				definitions.put(type, definition);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read scenario " + name, ex);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				throw new IllegalStateException("invalid scenario " + name + ": " + ex.getMessage(), ex);
			}
		}
		return new ScenarioCatalog(definitions);
	}

	public ScenarioDefinition get(ArsScenario type) {
		return this.definitions.get(type);
	}

	public Collection<ScenarioDefinition> all() {
		return this.definitions.values();
	}

	/**
	 * Every fragment any call of these scenarios can speak, per voice: the literal pieces
	 * of every text and every digit word. Synthesizing these at start-up means no call
	 * waits for speech synthesis.
	 */
	public Set<Fragment> fragments() {
		Set<Fragment> fragments = new LinkedHashSet<>();
		for (ScenarioDefinition definition : this.definitions.values()) {
			for (String text : definition.texts()) {
				PromptText.literals(text)
					.forEach((literal) -> fragments.add(new Fragment(definition.voice(), literal)));
			}
			definition.digitWords().values().forEach((word) -> fragments.add(new Fragment(definition.voice(), word)));
		}
		return fragments;
	}

	/** A piece of text spoken with a voice. */
	public record Fragment(String voice, String text) {
	}

	/** Opens a definition file by name. */
	@FunctionalInterface
	public interface ResourceOpener {

		InputStream open(String name) throws IOException;

	}

}
