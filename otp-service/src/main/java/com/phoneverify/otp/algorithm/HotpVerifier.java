package com.phoneverify.otp.algorithm;

import java.util.OptionalLong;

/**
 * Verifies HOTP codes against a token's moving counter (RFC 4226 §7.4 look-ahead, §7.4
 * resynchronisation). The caller keeps {@code nextCounter}, the counter after the last
 * code it accepted, and stores {@code matched + 1} after a success: a code is accepted
 * once, and no code older than the last accepted one is accepted at all.
 *
 * @param digits code length, 6 to 8
 * @param algorithm the HMAC function (RFC 4226 uses SHA-1)
 * @param lookAhead how many counters after {@code nextCounter} a code may be ahead (a
 * token pressed without being used); RFC 4226 §7.4 recommends a small window, default 10
 * @param resyncWindow how far ahead two consecutive codes are searched to resynchronise
 */
public record HotpVerifier(int digits, HmacAlgorithm algorithm, int lookAhead, int resyncWindow) {

	public HotpVerifier {
		if (digits < 6 || digits > 8) {
			throw new IllegalArgumentException("HOTP codes have 6 to 8 digits, not " + digits);
		}
		if (lookAhead < 0 || resyncWindow < lookAhead) {
			throw new IllegalArgumentException("need 0 <= lookAhead <= resyncWindow");
		}
	}

	/**
	 * RFC 4226 defaults: SHA-1, 6 digits, look-ahead 10, resynchronisation within 100.
	 */
	public static HotpVerifier standard() {
		return new HotpVerifier(6, HmacAlgorithm.SHA1, 10, 100);
	}

	/**
	 * The counter {@code code} was generated with, searched from {@code nextCounter} to
	 * {@code nextCounter + lookAhead}; empty when none matches.
	 * @throws CodeFormat.MalformedCodeException when the code is not {@code digits}
	 * digits
	 */
	public OptionalLong verify(byte[] key, long nextCounter, String code) {
		byte[] submitted = CodeFormat.bytesOf(code, this.digits);
		return search(key, nextCounter, this.lookAhead, submitted);
	}

	/**
	 * Resynchronisation (RFC 4226 §7.4): two consecutive codes, searched within the
	 * larger window. Returns the counter of the second code; the caller stores it + 1.
	 */
	public OptionalLong resynchronise(byte[] key, long nextCounter, String first, String second) {
		byte[] firstCode = CodeFormat.bytesOf(first, this.digits);
		byte[] secondCode = CodeFormat.bytesOf(second, this.digits);
		long from = nextCounter;
		long last = nextCounter + this.resyncWindow;
		while (from <= last) {
			OptionalLong match = search(key, from, last - from, firstCode);
			if (match.isEmpty()) {
				return OptionalLong.empty();
			}
			long counter = match.getAsLong();
			if (Hotp.matches(key, counter + 1, this.digits, this.algorithm, secondCode)) {
				return OptionalLong.of(counter + 1);
			}
			from = counter + 1;
		}
		return OptionalLong.empty();
	}

	private OptionalLong search(byte[] key, long from, long window, byte[] submitted) {
		for (long counter = from; counter <= from + window; counter++) {
			if (Hotp.matches(key, counter, this.digits, this.algorithm, submitted)) {
				return OptionalLong.of(counter);
			}
		}
		return OptionalLong.empty();
	}

}
