package com.phoneverify.ars.prompt;

import com.phoneverify.ars.call.AudioClip;

/** Turns text into speech. Slow (an external process); callers cache. */
interface TextToSpeech {

	/**
	 * @param voice the voice, e.g. {@code ko}
	 * @param text what to say
	 * @return 8 kHz mono audio
	 * @throws SpeechException when synthesis fails
	 */
	AudioClip synthesize(String voice, String text);

	/** Speech synthesis failed. */
	class SpeechException extends RuntimeException {

		public SpeechException(String message, Throwable cause) {
			super(message, cause);
		}

		public SpeechException(String message) {
			super(message);
		}

	}

}
