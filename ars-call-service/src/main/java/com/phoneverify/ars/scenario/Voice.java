package com.phoneverify.ars.scenario;

import com.phoneverify.ars.call.AudioClip;

/** Speaks the fragments of prompts. Implementations cache; calls must be fast. */
public interface Voice {

	/**
	 * The audio of one fragment: a literal piece of prompt text or one digit word.
	 * @param voice the voice of the scenario, e.g. {@code ko}
	 * @param text the fragment, already trimmed
	 */
	AudioClip speak(String voice, String text);

}
