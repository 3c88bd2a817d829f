package com.phoneverify.otp.algorithm;

import java.security.MessageDigest;

/**
 * HOTP (RFC 4226): the HMAC of an 8-byte counter, dynamically truncated to 6–10 decimal
 * digits. Also the truncation that TOTP and OCRA share.
 */
public final class Hotp {

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
			1_000_000_000 };

	private Hotp() {
	}

	/** The code for {@code counter}, zero-padded to {@code digits} (6 to 9). */
	public static String generate(byte[] key, long counter, int digits, HmacAlgorithm algorithm) {
		return new String(codeBytes(key, counter, digits, algorithm), java.nio.charset.StandardCharsets.US_ASCII);
	}

	/**
	 * Whether {@code code} (ASCII digits) is the code for {@code counter}, compared in
	 * constant time ({@link MessageDigest#isEqual}).
	 */
	public static boolean matches(byte[] key, long counter, int digits, HmacAlgorithm algorithm, byte[] code) {
		return MessageDigest.isEqual(codeBytes(key, counter, digits, algorithm), code);
	}

	static byte[] codeBytes(byte[] key, long counter, int digits, HmacAlgorithm algorithm) {
		return digitsOf(truncate(algorithm.mac(key, counterBytes(counter)), digits), digits);
	}

	/** RFC 4226 §5.3: dynamic truncation, then modulo 10^digits. */
	static int truncate(byte[] hmac, int digits) {
		checkDigits(digits);
		int offset = hmac[hmac.length - 1] & 0x0f;
		int binary = ((hmac[offset] & 0x7f) << 24) | ((hmac[offset + 1] & 0xff) << 16)
				| ((hmac[offset + 2] & 0xff) << 8) | (hmac[offset + 3] & 0xff);
		return binary % POWERS_OF_TEN[digits];
	}

	/** {@code value} as exactly {@code digits} ASCII digits, leading zeros kept. */
	static byte[] digitsOf(int value, int digits) {
		byte[] text = new byte[digits];
		int rest = value;
		for (int i = digits - 1; i >= 0; i--) {
			text[i] = (byte) ('0' + rest % 10);
			rest /= 10;
		}
		return text;
	}

	static byte[] counterBytes(long counter) {
		byte[] bytes = new byte[8];
		long rest = counter;
		for (int i = 7; i >= 0; i--) {
			bytes[i] = (byte) rest;
			rest >>>= 8;
		}
		return bytes;
	}

	static void checkDigits(int digits) {
		if (digits < 4 || digits > 9) {
			throw new IllegalArgumentException("a code has 4 to 9 digits, not " + digits);
		}
	}

}
