package com.phoneverify.ars.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.phoneverify.ars.call.AudioClip;
import com.phoneverify.ars.call.CallMedia;
import com.phoneverify.ars.call.CallScript;
import com.phoneverify.ars.call.ScriptProgress;
import com.phoneverify.contracts.ars.ScenarioResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs a {@link ScenarioDefinition} against a call's media. Keys are buffered from the
 * first moment of the call, so keys pressed during a prompt are never lost; a gather
 * takes buffered keys first. Typed digits are compared in constant time and never logged.
 * Thread-safe; one engine serves all calls.
 */
public final class ScenarioEngine {

	private static final Logger log = LoggerFactory.getLogger(ScenarioEngine.class);

	/** Silence between the fragments of one prompt, so digits are heard one by one. */
	private static final int FRAGMENT_GAP_MILLIS = 120;

	private final Voice voice;

	private final Scheduler timer;

	public ScenarioEngine(Voice voice, Scheduler timer) {
		this.voice = voice;
		this.timer = timer;
	}

	/** The script of one call, ready for {@code CallRunner}. */
	public CallScript script(ScenarioDefinition definition, ScenarioInputs inputs) {
		return (media, progress) -> run(definition, inputs, media, progress);
	}

	/**
	 * Runs the scenario to its end.
	 * @return the result of the hangup step reached, or wrong/no input after the last
	 * failed try of a gather, or, when the phone's media ended first, the last result
	 * reached on the way (see {@link Step.Play#reached()}) or else hung up
	 */
	public Mono<ScenarioResult> run(ScenarioDefinition definition, ScenarioInputs inputs, CallMedia media) {
		return run(definition, inputs, media, new ScriptProgress());
	}

	/**
	 * Runs the scenario to its end, recording in {@code progress} each result reached on
	 * the way (see {@link #run(ScenarioDefinition, ScenarioInputs, CallMedia)}).
	 */
	public Mono<ScenarioResult> run(ScenarioDefinition definition, ScenarioInputs inputs, CallMedia media,
			ScriptProgress progress) {
		return Mono
			.usingWhen(Mono.fromSupplier(() -> new KeyBuffer(media.keys(), this.timer)),
					(keys) -> new Run(definition, inputs, media, keys, progress).step(0),
					(keys) -> Mono.fromRunnable(keys::close))
			.onErrorResume(KeyBuffer.HungUpException.class,
					(ex) -> Mono.just(progress.reachedOr(ScenarioResult.HUNG_UP)));
	}

	/** One call's pass through the steps. */
	private final class Run {

		private final ScenarioDefinition definition;

		private final ScenarioInputs inputs;

		private final CallMedia media;

		private final KeyBuffer keys;

		private final ScriptProgress progress;

		Run(ScenarioDefinition definition, ScenarioInputs inputs, CallMedia media, KeyBuffer keys,
				ScriptProgress progress) {
			this.definition = definition;
			this.inputs = inputs;
			this.media = media;
			this.keys = keys;
			this.progress = progress;
		}

		Mono<ScenarioResult> step(int index) {
			Step step = this.definition.steps().get(index);
			if (step instanceof Step.Hangup hangup) {
				return Mono.just(hangup.result());
			}
			if (step instanceof Step.Play play) {
				// the first rendition alone, so that what it reaches counts from its end
				Mono<Void> first = say(render(play.text(), 1, false), play.bargeIn()).then(Mono.fromRunnable(() -> {
					if (play.reached() != null) {
						this.progress.reached(play.reached());
					}
				}));
				Mono<Void> repeats = (play.repeat() > 1)
						? Mono.defer(() -> say(render(play.text(), play.repeat() - 1, true), play.bargeIn()))
						: Mono.empty();
				return first.then(repeats).then(Mono.defer(() -> step(index + 1)));
			}
			if (step instanceof Step.Choose choose) {
				return choose(choose, 0, false);
			}
			Step.Gather gather = (Step.Gather) step;
			return gather(gather, 0, false).flatMap((failure) -> {
				if (failure.isPresent()) {
					return Mono.just(failure.get());
				}
				if (gather.reached() != null) {
					this.progress.reached(gather.reached());
				}
				return Mono.defer(() -> step(index + 1));
			});
		}

		/**
		 * One try of a gather and the retries after it.
		 * @return empty optional on success, else the failure result after the last try
		 */
		private Mono<Optional<ScenarioResult>> gather(Step.Gather gather, int attempt, boolean anyWrongSoFar) {
			Digits expected = expected(gather);
			int maxDigits = (gather.maxDigits() > 0) ? gather.maxDigits() : expected.length();
			String prompt = gather.prompt();
			if (attempt > 0) {
				String retry = anyWrongSoFar ? gather.retryPrompt() : gather.noInputPrompt();
				prompt = (retry != null) ? retry : gather.prompt();
				// what was typed before "please try again" belongs to the failed try:
				// left
				// in the buffer it would cut the retry prompt short and burn the next try
				this.keys.clear();
			}
			AudioClip clip = render(prompt, 1, false);
			Duration timeout = Duration.ofMillis(gather.timeoutMillis());
			return say(clip, gather.interruptible())
				.then(collect(new StringBuilder(), maxDigits, gather.finishKey(), timeout))
				.flatMap((typed) -> {
					boolean right = expected.matches(typed);
					if (right) {
						return Mono.just(Optional.<ScenarioResult>empty());
					}
					boolean wrong = anyWrongSoFar || typed.length() > 0;
					log.debug("gather try {} failed ({} keys)", attempt + 1, typed.length());
					if (attempt < gather.retries()) {
						return gather(gather, attempt + 1, wrong);
					}
					return Mono.just(Optional.of(wrong ? ScenarioResult.WRONG_INPUT : ScenarioResult.NO_INPUT));
				});
		}

		/**
		 * One try of a choice and the retries after it: the key of a choice ends the
		 * script with its result, once its reply was spoken (a hang-up during the reply
		 * still reports the choice).
		 */
		private Mono<ScenarioResult> choose(Step.Choose choose, int attempt, boolean anyWrongSoFar) {
			String prompt = choose.prompt();
			if (attempt > 0) {
				String retry = anyWrongSoFar ? choose.retryPrompt() : choose.noInputPrompt();
				prompt = (retry != null) ? retry : choose.prompt();
				this.keys.clear();
			}
			AudioClip clip = render(prompt, 1, false);
			return say(clip, true).then(this.keys.next(Duration.ofMillis(choose.timeoutMillis()))).flatMap((key) -> {
				Step.Choice choice = key.map(String::valueOf).map(choose.choices()::get).orElse(null);
				if (choice != null) {
					this.progress.reached(choice.result());
					Mono<Void> reply = (choice.reply() != null) ? say(render(choice.reply(), 1, false), false)
							: Mono.empty();
					return reply.thenReturn(choice.result());
				}
				boolean wrong = anyWrongSoFar || key.isPresent();
				log.debug("choice try {} failed ({})", attempt + 1, key.isPresent() ? "other key" : "no key");
				if (attempt < choose.retries()) {
					return choose(choose, attempt + 1, wrong);
				}
				return Mono.just(wrong ? ScenarioResult.WRONG_INPUT : ScenarioResult.NO_INPUT);
			});
		}

		/** Takes keys until {@code maxDigits}, the finish key, or a timeout. */
		private Mono<String> collect(StringBuilder typed, int maxDigits, String finishKey, Duration timeout) {
			return this.keys.next(timeout).flatMap((key) -> {
				if (key.isEmpty() || finishKey.indexOf(key.get()) >= 0) {
					return Mono.just(typed.toString());
				}
				typed.append(key.get());
				if (typed.length() >= maxDigits) {
					// a finish key pressed right after the last digit ends this input,
					// not the next one
					this.keys.dropNextIf(finishKey, timeout);
					return Mono.just(typed.toString());
				}
				return collect(typed, maxDigits, finishKey, timeout);
			});
		}

		/**
		 * Plays a clip; with barge-in, a waiting key stops it (the key stays buffered).
		 */
		private Mono<Void> say(AudioClip clip, boolean bargeIn) {
			if (this.keys.ended()) {
				return Mono.error(new KeyBuffer.HungUpException());
			}
			if (!bargeIn) {
				return this.media.play(clip);
			}
			if (this.keys.hasKeys()) {
				return Mono.empty();
			}
			return Mono.firstWithSignal(this.media.play(clip), this.keys.keyWaiting().then());
		}

		private Digits expected(Step.Gather gather) {
			return switch (gather.expect()) {
				case CODE -> {
					if (this.inputs.code() == null) {
						throw new IllegalStateException("the scenario expects a code but none was given");
					}
					yield this.inputs.code();
				}
				case CHALLENGE_KEY -> {
					if (this.inputs.challengeKey() == null) {
						throw new IllegalStateException("the scenario expects a challenge key but none was given");
					}
					yield this.inputs.challengeKey();
				}
			};
		}

		/**
		 * @param repeated whether this follows an earlier rendition of the same text
		 * (then it starts with the pause between renditions)
		 */
		private AudioClip render(String text, int repeat, boolean repeated) {
			List<AudioClip> parts = new ArrayList<>();
			List<String> fragments = PromptText.fragments(text, this.inputs, this.definition.digitWords());
			for (int round = 0; round < repeat; round++) {
				if (round > 0 || repeated) {
					parts.add(AudioClip.silence(FRAGMENT_GAP_MILLIS * 4));
				}
				for (String fragment : fragments) {
					parts.add(ScenarioEngine.this.voice.speak(this.definition.voice(), fragment));
					parts.add(AudioClip.silence(FRAGMENT_GAP_MILLIS));
				}
			}
			return AudioClip.concat(parts);
		}

	}

}
