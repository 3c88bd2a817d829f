package com.phoneverify.ars.scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret string of keypad digits (a code, a challenge key). Never printed; compared in
 * constant time.
 */
public final class Digits {

	private final String value;

	private Digits(String value) {
		this.value = value;
	}

	/**
	 * @throws IllegalArgumentException unless the value is 1-16 digits (the message never
	 * contains the value)
	 */
	public static Digits of(String value) {
		if (value == null || !value.matches("[0-9]{1,16}")) {
			throw new IllegalArgumentException("expected 1-16 digits");
		}
		return new Digits(value);
	}

	public int length() {
		return this.value.length();
	}

	/** Constant-time comparison (time depends on the lengths only). */
	public boolean matches(CharSequence typed) {
		byte[] a = this.value.getBytes(StandardCharsets.US_ASCII);
		byte[] b = typed.toString().getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(a, b);
	}

	/** The digits, for speaking them. Package-private: only the engine reads them. */
	String reveal() {
		return this.value;
	}

	@Override
	public String toString() {
		return "Digits[" + this.value.length() + "]";
	}

}
