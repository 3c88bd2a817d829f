package com.phoneverify.simulators.phone.call;

import java.time.Duration;

import com.phoneverify.media.dtmf.TelephoneEvent;

/**
 * Keys a phone will type after it answers its next call.
 *
 * @param keys the keypad keys, repeated keys allowed
 * @param delayAfterAnswer how long after the answer the first key is pressed
 */
public record ArmedKeys(String keys, Duration delayAfterAnswer) {

	public ArmedKeys {
		requireKeys(keys);
		if (delayAfterAnswer.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative");
		}
	}

	/**
	 * Checks that every character is a keypad key.
	 * @throws IllegalArgumentException otherwise (the message does not repeat the keys)
	 */
	public static String requireKeys(String keys) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("keys must not be empty");
		}
		for (int i = 0; i < keys.length(); i++) {
			if (!TelephoneEvent.isKey(keys.charAt(i))) {
				throw new IllegalArgumentException("not a keypad key at index " + i + "; use 0-9, *, #, A-D");
			}
		}
		return keys;
	}

	@Override
	public String toString() {
		return "ArmedKeys[keys=" + this.keys.length() + " keys, delayAfterAnswer=" + this.delayAfterAnswer + "]";
	}

}
