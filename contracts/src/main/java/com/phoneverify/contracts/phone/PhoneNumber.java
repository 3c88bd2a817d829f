package com.phoneverify.contracts.phone;

import org.jspecify.annotations.Nullable;

/**
 * A Korean phone number, personal data: kept in E.164 form ({@code +821012345678}), shown
 * only masked. The one masking rule of every service, in logs and API responses alike:
 * the country code, the area or mobile prefix, the middle digits as {@code *} and the
 * last four digits ({@code +82 10-****-5678}, {@code +82 2-***-4567}).
 * {@link #toString()} is the masked form, so a number never reaches a log line in clear.
 * <p>
 * Deliberately not a JSON value: a number crosses a topic only sealed
 * ({@code SealedValue}), and an API shows {@link #masked()}.
 */
public final class PhoneNumber {

	private final String e164;

	private final String masked;

	private PhoneNumber(String e164, String masked) {
		this.e164 = e164;
		this.masked = masked;
	}

	/** The full number, e.g. {@code +821012345678}; personal data, never logged. */
	public String e164() {
		return this.e164;
	}

	/** The number without its leading {@code +}, as dialled in a SIP user part. */
	public String digits() {
		return this.e164.substring(1);
	}

	/** The number with the middle digits hidden, e.g. {@code +82 10-****-5678}. */
	public String masked() {
		return this.masked;
	}

	/**
	 * The masked form of any text that should be a phone number: {@link #masked()} when
	 * it parses; otherwise, so that nothing unparsable is printed in clear either, every
	 * digit but the last four hidden ({@code ***-5678}), or {@code ***} when there are
	 * four digits or fewer.
	 */
	public static String mask(@Nullable String text) {
		if (text == null) {
			return "***";
		}
		try {
			return parse(text.split(";", 2)[0]).masked();
		}
		catch (InvalidPhoneNumberException ex) {
			String digits = text.replaceAll("\\D", "");
			return (digits.length() <= 4) ? "***" : "***-" + digits.substring(digits.length() - 4);
		}
	}

	private static final int MAX_INPUT_LENGTH = 32;

	/**
	 * Reads a domestic ({@code 010-1234-5678}, {@code 01012345678}, {@code 02-123-4567})
	 * or E.164 ({@code +82 10 1234 5678}) Korean number. Accepts mobile numbers (010,
	 * 011, 016-019), area codes (02, 031-033, 041-044, 051-055, 061-064) and 070.
	 * @throws InvalidPhoneNumberException saying what is wrong, without echoing the
	 * number
	 */
	public static PhoneNumber parse(@Nullable String input) {
		if (input == null || input.isBlank()) {
			throw new InvalidPhoneNumberException("must not be empty");
		}
		if (input.length() > MAX_INPUT_LENGTH) {
			throw new InvalidPhoneNumberException("is too long (at most " + MAX_INPUT_LENGTH + " characters)");
		}
		StringBuilder digits = new StringBuilder(16);
		boolean international = false;
		for (int i = 0; i < input.length(); i++) {
			char c = input.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
			else if (c == '+' && digits.length() == 0 && !international) {
				international = true;
			}
			else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
				throw new InvalidPhoneNumberException(
						"may contain only digits, spaces, hyphens, dots, parentheses and a leading +");
			}
		}
		String national;
		if (international) {
			if (digits.length() < 2 || digits.charAt(0) != '8' || digits.charAt(1) != '2') {
				throw new InvalidPhoneNumberException("only Korean numbers (+82) are supported");
			}
			national = digits.substring(2);
			if (national.startsWith("0")) {
				national = national.substring(1); // "+82 (0)10 …": the trunk 0 written
													// anyway
			}
		}
		else {
			if (digits.length() == 0 || digits.charAt(0) != '0') {
				throw new InvalidPhoneNumberException(
						"a domestic number starts with 0 (e.g. 010-1234-5678); otherwise use the +82 form");
			}
			national = digits.substring(1);
		}
		int length = national.length();
		if (length < 8 || length > 10) {
			throw new InvalidPhoneNumberException(
					"has " + (length + 1) + " digits with the leading 0; a Korean number has 9 to 11");
		}
		int prefixLength = prefixLength(national);
		return new PhoneNumber("+82" + national, mask(national, prefixLength));
	}

	private static int prefixLength(String national) {
		char first = national.charAt(0);
		char second = national.charAt(1);
		int length = national.length();
		if (first == '1') {
			if (second == '0') {
				return require(length == 10, "an 010 number has 11 digits", 2);
			}
			if (second == '1' || (second >= '6' && second <= '9')) {
				return require(length == 9 || length == 10, "an 011 or 016-019 number has 10 or 11 digits", 2);
			}
		}
		else if (first == '2') {
			return require(length == 8 || length == 9, "a Seoul (02) number has 9 or 10 digits", 1);
		}
		else if ((first == '3' && second >= '1' && second <= '3') || (first == '4' && second >= '1' && second <= '4')
				|| (first == '5' && second >= '1' && second <= '5')
				|| (first == '6' && second >= '1' && second <= '4')) {
			return require(length == 9 || length == 10,
					"a number with a 0" + first + second + " area code has 10 or 11 digits", 2);
		}
		else if (first == '7' && second == '0') {
			return require(length == 10, "an 070 number has 11 digits", 2);
		}
		throw new InvalidPhoneNumberException(
				"is not a Korean mobile (010, 011, 016-019), area-code (02, 031-064) or 070 number");
	}

	private static int require(boolean condition, String otherwise, int prefixLength) {
		if (!condition) {
			throw new InvalidPhoneNumberException(otherwise);
		}
		return prefixLength;
	}

	private static String mask(String national, int prefixLength) {
		int hidden = national.length() - prefixLength - 4;
		return "+82 " + national.substring(0, prefixLength) + "-" + "*".repeat(hidden) + "-"
				+ national.substring(national.length() - 4);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof PhoneNumber phone) && this.e164.equals(phone.e164);
	}

	@Override
	public int hashCode() {
		return this.e164.hashCode();
	}

	/** The masked form: never the number in clear. */
	@Override
	public String toString() {
		return this.masked;
	}

	/** The input is not a phone number we can call; the message says why. */
	public static class InvalidPhoneNumberException extends IllegalArgumentException {

		public InvalidPhoneNumberException(String message) {
			super(message);
		}

	}

}
