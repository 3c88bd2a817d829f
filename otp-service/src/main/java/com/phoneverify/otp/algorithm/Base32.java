package com.phoneverify.otp.algorithm;

/** RFC 4648 base 32 without padding, the secret encoding of {@code otpauth://} URIs. */
public final class Base32 {

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	private Base32() {
	}

	public static String encode(byte[] data) {
		StringBuilder text = new StringBuilder((data.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : data) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				text.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
				bits -= 5;
			}
		}
		if (bits > 0) {
			text.append(ALPHABET[(buffer << (5 - bits)) & 31]);
		}
		return text.toString();
	}

}
