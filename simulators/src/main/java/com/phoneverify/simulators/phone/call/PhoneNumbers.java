package com.phoneverify.simulators.phone.call;

/** Phone number helpers: one canonical form for matching, one masked form for output. */
public final class PhoneNumbers {

	private PhoneNumbers() {
	}

	/**
	 * The canonical form: digits with an optional leading {@code +}; separators and URI
	 * parameters are dropped ({@code +82 10-1234;phone-context=x} becomes
	 * {@code +82101234}).
	 */
	public static String normalize(String number) {
		String withoutParameters = number.split(";", 2)[0];
		StringBuilder canonical = new StringBuilder();
		for (int i = 0; i < withoutParameters.length(); i++) {
			char c = withoutParameters.charAt(i);
			if (Character.isDigit(c) || (c == '+' && canonical.length() == 0)) {
				canonical.append(c);
			}
		}
		return canonical.toString();
	}

	/** The number for logs and APIs: only the last two digits, e.g. {@code ***45}. */
	public static String mask(String number) {
		String canonical = normalize(number);
		return "***" + canonical.substring(Math.max(0, canonical.length() - 2));
	}

}
