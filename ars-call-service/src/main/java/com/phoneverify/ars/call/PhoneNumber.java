package com.phoneverify.ars.call;

import java.util.regex.Pattern;

/**
 * An E.164 number to dial, e.g. {@code +821012345678}. Its {@link #toString()} shows only
 * the last two digits, so a number never reaches a log line in clear.
 */
public record PhoneNumber(String e164) {

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	public PhoneNumber {
		if (e164 == null || !E164.matcher(e164).matches()) {
			throw new IllegalArgumentException("not an E.164 phone number");
		}
	}

	/** The number without its leading {@code +}, as dialled in a SIP user part. */
	public String digits() {
		return this.e164.substring(1);
	}

	/** All but the last two digits replaced by {@code *}. */
	public String masked() {
		return "*".repeat(this.e164.length() - 2) + this.e164.substring(this.e164.length() - 2);
	}

	@Override
	public String toString() {
		return masked();
	}

}
