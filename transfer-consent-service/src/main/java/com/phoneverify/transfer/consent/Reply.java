package com.phoneverify.transfer.consent;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a recipient's reply says, read by {@link #parse}. The rules, in order:
 * <ol>
 * <li>The text is normalized with Unicode NFKC, so full-width digits and letters
 * ({@code １２３４５６}, {@code ＮＯ}) read as ASCII; case is folded.</li>
 * <li>A decline word ({@code 거절}, {@code NO}, …) standing as a word of its own (between
 * spaces, punctuation, emoji or the ends) is a {@link Decline}, whatever else the reply
 * holds: money never moves on an ambiguous refusal.</li>
 * <li>Otherwise the digit groups are collected (ASCII digits after NFKC; spaces and
 * hyphens inside a group join it, so {@code 123 456} and {@code 123-456} are one group).
 * Exactly one group of the code's length is a {@link Code}; none, or several, is
 * {@link Unreadable} (e.g. a reply quoting the amount {@code 100000} besides the code).
 * Other words and emoji around the code are ignored.</li>
 * </ol>
 */
public sealed interface Reply {

	/** The recipient typed a code (right or wrong). */
	record Code(String digits) implements Reply {

		@Override
		public String toString() {
			return "Code[***]";
		}

	}

	/** The recipient refused. */
	record Decline() implements Reply {
	}

	/** Neither a code nor a refusal; the reason in words. */
	record Unreadable(String why) implements Reply {
	}

	static Reply parse(String text, int codeLength, Set<String> declineWords) {
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
		Set<String> declines = declineWords.stream()
			.map((word) -> Normalizer.normalize(word, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT))
			.collect(Collectors.toSet());
		for (String word : words(normalized)) {
			if (declines.contains(word)) {
				return new Decline();
			}
		}
		List<String> codes = new ArrayList<>();
		for (String group : digitGroups(normalized)) {
			if (group.length() == codeLength) {
				codes.add(group);
			}
		}
		if (codes.size() == 1) {
			return new Code(codes.get(0));
		}
		return new Unreadable(codes.isEmpty() ? "no code of " + codeLength + " digits" : "several codes");
	}

	/** Runs of letters (any script) and digits; everything else separates words. */
	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (Character.isLetterOrDigit(c)) {
				word.appendCodePoint(c);
			}
			else if (word.length() > 0) {
				words.add(word.toString());
				word.setLength(0);
			}
		});
		if (word.length() > 0) {
			words.add(word.toString());
		}
		return words;
	}

	/**
	 * Runs of ASCII digits; a single space or hyphen between two digits joins them. A
	 * digit glued to a letter ({@code A123456}) still counts: the code is what matters.
	 */
	private static List<String> digitGroups(String text) {
		List<String> groups = new ArrayList<>();
		StringBuilder group = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				group.append(c);
			}
			else if ((c == ' ' || c == '-') && group.length() > 0 && i + 1 < text.length() && text.charAt(i + 1) >= '0'
					&& text.charAt(i + 1) <= '9') {
				continue;
			}
			else if (group.length() > 0) {
				groups.add(group.toString());
				group.setLength(0);
			}
		}
		if (group.length() > 0) {
			groups.add(group.toString());
		}
		return groups;
	}

}
