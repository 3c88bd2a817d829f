package com.phoneverify.simulators.phone.call;

/**
 * The canonical form of a dialled number, for matching. For output, numbers are masked by
 * the one rule of every service,
 * {@link com.phoneverify.contracts.phone.PhoneNumber#mask}.
 */
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

}
