package com.phoneverify.ars.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a prompt text into the fragments that are spoken one after the other: literal
 * pieces of text, and one digit word per digit of a placeholder's value.
 */
final class PromptText {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(code|challengeKey|codeLength)}");

	private PromptText() {
	}

	/** The fragments of {@code text} with its placeholders filled from {@code inputs}. */
	static List<String> fragments(String text, ScenarioInputs inputs, Map<String, String> digitWords) {
		List<String> fragments = new ArrayList<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		int at = 0;
		while (matcher.find()) {
			addLiteral(fragments, text.substring(at, matcher.start()));
			String digits = switch (matcher.group(1)) {
				case "code" -> {
					if (inputs.code() == null) {
						throw new IllegalStateException("the scenario speaks {code} but none was given");
					}
					yield inputs.code().reveal();
				}
				case "challengeKey" -> {
					if (inputs.challengeKey() == null) {
						throw new IllegalStateException("the scenario speaks {challengeKey} but none was given");
					}
					yield inputs.challengeKey().reveal();
				}
				default -> Integer.toString(inputs.codeLength());
			};
			for (char digit : digits.toCharArray()) {
				fragments.add(digitWords.get(String.valueOf(digit)));
			}
			at = matcher.end();
		}
		addLiteral(fragments, text.substring(at));
		return fragments;
	}

	/** The literal fragments of {@code text}, without its placeholders. */
	static Set<String> literals(String text) {
		Set<String> literals = new LinkedHashSet<>();
		for (String piece : PLACEHOLDER.split(text)) {
			if (!piece.isBlank()) {
				literals.add(piece.strip());
			}
		}
		return literals;
	}

	private static void addLiteral(List<String> fragments, String piece) {
		if (!piece.isBlank()) {
			fragments.add(piece.strip());
		}
	}

}
