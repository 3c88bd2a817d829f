package com.phoneverify.otp.algorithm;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What can be wrong with a submitted code before any HMAC is computed. */
public enum CodeFormat {

	/** The code has not as many characters as the token shows. */
	WRONG_LENGTH,

	/** The code contains something other than the ASCII digits 0–9. */
	NOT_DIGITS;

	/**
	 * The problem of {@code code} for a token of {@code digits} digits, empty when it is
	 * well formed.
	 */
	public static Optional<CodeFormat> problemOf(String code, int digits) {
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (c < '0' || c > '9') {
				return Optional.of(NOT_DIGITS);
			}
		}
		return (code.length() != digits) ? Optional.of(WRONG_LENGTH) : Optional.empty();
	}

	/** The ASCII bytes of a well-formed code. */
	static byte[] bytesOf(String code, int digits) {
		problemOf(code, digits).ifPresent((problem) -> {
			throw new MalformedCodeException(problem);
		});
		return code.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * A code that fails {@link CodeFormat#problemOf}; the code itself is never in the
	 * message.
	 */
	public static final class MalformedCodeException extends IllegalArgumentException {

		private final CodeFormat problem;

		MalformedCodeException(CodeFormat problem) {
			super("malformed code: " + problem);
			this.problem = problem;
		}

		public CodeFormat problem() {
			return this.problem;
		}

	}

}
