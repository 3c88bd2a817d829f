package com.phoneverify.messaging.consume;

/**
 * Thrown by a listener for a record that can never be processed, however often it is
 * tried (a sealed field that no key opens, a reference to something that cannot exist):
 * the record goes to the dead-letter topic at once. See {@link DeadLetters#isPoison}.
 */
public class PoisonRecordException extends RuntimeException {

	public PoisonRecordException(String message) {
		super(message);
	}

	public PoisonRecordException(String message, Throwable cause) {
		super(message, cause);
	}

}
