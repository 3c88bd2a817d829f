package com.phoneverify.ars.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.phoneverify.contracts.ars.ScenarioResult;
import org.jspecify.annotations.Nullable;

/**
 * One step of a scenario, selected in JSON by {@code "action"}. Texts may contain the
 * placeholders {@code {code}}, {@code {challengeKey}} and {@code {codeLength}}, spoken
 * digit by digit.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({ @JsonSubTypes.Type(value = Step.Play.class, name = "play"),
		@JsonSubTypes.Type(value = Step.Gather.class, name = "gather"),
		@JsonSubTypes.Type(value = Step.Hangup.class, name = "hangup"),
		@JsonSubTypes.Type(value = Step.Choose.class, name = "choose") })
public sealed interface Step {

	List<String> texts();

	/**
	 * Speaks a text.
	 *
	 * @param text what to say
	 * @param repeat how many times (default 1)
	 * @param bargeIn whether a key press stops the prompt (the key is kept for the next
	 * gather); default false
	 * @param reached the result that holds once the text was spoken in full once (the
	 * first of {@code repeat} times), even if the phone hangs up afterwards; e.g.
	 * {@code code_delivered} on the read-out of the code; default none
	 */
	record Play(String text, int repeat, boolean bargeIn, @Nullable ScenarioResult reached) implements Step {

		public Play {
			Objects.requireNonNull(text, "play needs a text");
			repeat = Math.max(repeat, 1);
		}

		public Play(String text, int repeat, boolean bargeIn) {
			this(text, repeat, bargeIn, null);
		}

		@Override
		public List<String> texts() {
			return List.of(this.text);
		}

	}

	/**
	 * Asks for keys and compares them with a secret.
	 *
	 * @param prompt what to say first
	 * @param expect which secret the keys must match
	 * @param maxDigits how many keys end the input; default (0) the length of the
	 * expected secret
	 * @param finishKey a key that ends the input early (not part of it); default
	 * {@code #}
	 * @param timeoutMillis how long to wait for the first key after the prompt, and for
	 * each further key; default 10 000
	 * @param retries how many more tries after a wrong or missing input; default 0
	 * @param retryPrompt what to say before a retry after a wrong input; default the
	 * prompt
	 * @param noInputPrompt what to say before a retry after no input; default the prompt
	 * @param bargeIn whether a key press stops the prompt; default true
	 * @param reached the result that holds as soon as the keys matched, even if the phone
	 * hangs up during the prompts that follow; e.g. {@code verified}; default none
	 */
	record Gather(String prompt, Expected expect, int maxDigits, @Nullable String finishKey, long timeoutMillis,
			int retries, @Nullable String retryPrompt, @Nullable String noInputPrompt, @Nullable Boolean bargeIn,
			@Nullable ScenarioResult reached) implements Step {

		public Gather {
			Objects.requireNonNull(prompt, "gather needs a prompt");
			Objects.requireNonNull(expect, "gather needs 'expect'");
			if (finishKey == null) {
				finishKey = "#";
			}
			if (timeoutMillis <= 0) {
				timeoutMillis = 10_000;
			}
			retries = Math.max(retries, 0);
		}

		public Gather(String prompt, Expected expect, int maxDigits, @Nullable String finishKey, long timeoutMillis,
				int retries, @Nullable String retryPrompt, @Nullable String noInputPrompt, @Nullable Boolean bargeIn) {
			this(prompt, expect, maxDigits, finishKey, timeoutMillis, retries, retryPrompt, noInputPrompt, bargeIn,
					null);
		}

		/** Whether a key stops the prompt (default true). */
		public boolean interruptible() {
			return this.bargeIn == null || this.bargeIn;
		}

		@Override
		public List<String> texts() {
			return java.util.stream.Stream.of(this.prompt, this.retryPrompt, this.noInputPrompt)
				.filter(Objects::nonNull)
				.toList();
		}

	}

	/**
	 * Ends the call with a result.
	 *
	 * @param result how far the script got when it reaches this step
	 */
	record Hangup(ScenarioResult result) implements Step {

		public Hangup {
			Objects.requireNonNull(result, "hangup needs a result");
		}

		@Override
		public List<String> texts() {
			return List.of();
		}

	}

	/**
	 * Asks for one key that picks a choice, and ends the call with the choice's result
	 * (the last step of a script): E's "1 agrees, 2 refuses". A key that is no choice is
	 * a wrong input.
	 *
	 * @param prompt what to say first (a key stops it)
	 * @param choices the result, and what to say before hanging up, per key
	 * @param timeoutMillis how long to wait for the key after the prompt; default 10 000
	 * @param retries how many more tries after a wrong or missing key; default 0
	 * @param retryPrompt what to say before a retry after a wrong key; default the prompt
	 * @param noInputPrompt what to say before a retry after no key; default the prompt
	 */
	record Choose(String prompt, Map<String, Choice> choices, long timeoutMillis, int retries,
			@Nullable String retryPrompt, @Nullable String noInputPrompt) implements Step {

		public Choose {
			Objects.requireNonNull(prompt, "choose needs a prompt");
			Objects.requireNonNull(choices, "choose needs choices");
			if (choices.isEmpty()) {
				throw new IllegalArgumentException("choose needs at least one choice");
			}
			for (String key : choices.keySet()) {
				if (!key.matches("[0-9*#]")) {
					throw new IllegalArgumentException("a choice is one key 0-9, * or #, got '" + key + "'");
				}
			}
			choices = Map.copyOf(choices);
			if (timeoutMillis <= 0) {
				timeoutMillis = 10_000;
			}
			retries = Math.max(retries, 0);
		}

		@Override
		public List<String> texts() {
			List<String> texts = new java.util.ArrayList<>();
			java.util.stream.Stream.of(this.prompt, this.retryPrompt, this.noInputPrompt)
				.filter(Objects::nonNull)
				.forEach(texts::add);
			this.choices.keySet()
				.stream()
				.sorted()
				.map(this.choices::get)
				.map(Choice::reply)
				.filter(Objects::nonNull)
				.forEach(texts::add);
			return texts;
		}

	}

	/**
	 * One choice of a {@link Choose} step.
	 *
	 * @param result the result the call ends with
	 * @param reply what to say before hanging up; default nothing
	 */
	record Choice(ScenarioResult result, @Nullable String reply) {

		public Choice {
			Objects.requireNonNull(result, "a choice needs a result");
		}

	}

	/** The secret a gather compares the keys with. */
	enum Expected {

		@com.fasterxml.jackson.annotation.JsonProperty("code")
		CODE, @com.fasterxml.jackson.annotation.JsonProperty("challengeKey")
		CHALLENGE_KEY

	}

}
