package com.phoneverify.simulators.phone.call;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How numbers matching a pattern behave. Rules are tried in order against the canonical
 * number ({@link PhoneNumbers#normalize}); the first whose pattern matches the whole
 * number wins, and numbers no rule matches are answered.
 *
 * @param pattern a regular expression for the whole number, e.g. {@code .*0486}
 * @param behaviour what the phone does
 */
public record NumberRule(Pattern pattern, PhoneBehaviour behaviour) {

	/** A rule from a regular expression. */
	public static NumberRule of(String regex, PhoneBehaviour behaviour) {
		return new NumberRule(Pattern.compile(regex), behaviour);
	}

	/** Whether this rule applies to the canonical number. */
	public boolean matches(String number) {
		return this.pattern.matcher(number).matches();
	}

	/**
	 * The default rules, by the number's last four digits: 0486 busy here, 0600 busy
	 * everywhere, 0603 decline, 0404 not found, 0484 address incomplete, 0503 service
	 * unavailable, 0480 temporarily unavailable, 0408 rings forever (no answer), 0999
	 * answers and hangs up after 2 s; everything else answers.
	 */
	public static List<NumberRule> defaults() {
		return List.of(of(".*0486", new PhoneBehaviour.Reject(486)), of(".*0600", new PhoneBehaviour.Reject(600)),
				of(".*0603", new PhoneBehaviour.Reject(603)), of(".*0404", new PhoneBehaviour.Reject(404)),
				of(".*0484", new PhoneBehaviour.Reject(484)), of(".*0503", new PhoneBehaviour.Reject(503)),
				of(".*0480", new PhoneBehaviour.Reject(480)), of(".*0408", new PhoneBehaviour.RingForever()),
				of(".*0999", new PhoneBehaviour.AnswerThenHangUp(Duration.ofSeconds(2))));
	}

	/** The behaviour of the first matching rule, or {@link PhoneBehaviour.Answer}. */
	public static PhoneBehaviour behaviourFor(List<NumberRule> rules, String number) {
		String canonical = PhoneNumbers.normalize(number);
		return rules.stream()
			.filter((rule) -> rule.matches(canonical))
			.map(NumberRule::behaviour)
			.findFirst()
			.orElseGet(PhoneBehaviour.Answer::new);
	}

}
