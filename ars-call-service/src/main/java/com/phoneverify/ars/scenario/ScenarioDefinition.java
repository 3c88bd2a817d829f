package com.phoneverify.ars.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.phoneverify.contracts.ars.ArsScenario;
import org.jspecify.annotations.Nullable;

/**
 * One call script as read from {@code scenarios/<type>.json}.
 *
 * @param scenario the type this script implements
 * @param description what the script is for (documentation only)
 * @param voice the espeak-ng voice its prompts are spoken with, e.g. {@code ko}
 * @param digitWords the word spoken for each key {@code 0-9}; digits in placeholders are
 * read one by one with these words
 * @param steps what the call does, in order
 */
public record ScenarioDefinition(ArsScenario scenario, @Nullable String description, String voice,
		Map<String, String> digitWords, List<Step> steps) {

	public ScenarioDefinition {
		Objects.requireNonNull(scenario, "scenario");
		Objects.requireNonNull(voice, "voice");
		digitWords = Map.copyOf(digitWords);
		steps = List.copyOf(steps);
		for (char digit = '0'; digit <= '9'; digit++) {
			if (!digitWords.containsKey(String.valueOf(digit))) {
				throw new IllegalArgumentException("scenario " + scenario + " has no word for digit " + digit);
			}
		}
		if (steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof Step.Hangup
				|| steps.get(steps.size() - 1) instanceof Step.Choose)) {
			throw new IllegalArgumentException("scenario " + scenario + " must end with a hangup or a choose step");
		}
		for (int i = 0; i < steps.size() - 1; i++) {
			if (steps.get(i) instanceof Step.Choose) {
				throw new IllegalArgumentException(
						"scenario " + scenario + ": a choose step ends the call, so it must be the last step");
			}
		}
	}

	/** Every text of the script, placeholders included, in order of appearance. */
	public List<String> texts() {
		return this.steps.stream().flatMap((step) -> step.texts().stream()).toList();
	}

}
