package com.phoneverify.transfer.ledger;

import java.util.regex.Pattern;

/**
 * A customer account number of this bank: 10 to 14 digits, hyphens allowed between groups
 * and dropped. Personal data: {@link #toString()} shows only the last four digits.
 */
public record AccountNumber(String value) {

	/** Holds the money of every transfer that waits for consent. */
	public static final AccountNumber ESCROW = new AccountNumber("SYS-ESCROW");

	/** The other side of opening balances. */
	public static final AccountNumber FUNDING = new AccountNumber("SYS-FUNDING");

	private static final Pattern DIGITS = Pattern.compile("[0-9]{10,14}");

	public AccountNumber {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("account number must not be empty");
		}
	}

	/**
	 * Reads a customer account number.
	 * @throws InvalidAccountNumberException saying what is wrong, without echoing it
	 */
	public static AccountNumber parse(String text) {
		if (text == null) {
			throw new InvalidAccountNumberException("must not be empty");
		}
		String digits = text.strip().replace("-", "");
		if (!DIGITS.matcher(digits).matches()) {
			throw new InvalidAccountNumberException("must be 10 to 14 digits (hyphens allowed)");
		}
		return new AccountNumber(digits);
	}

	/** The number with all but the last four digits hidden. */
	public String masked() {
		int visible = Math.min(4, this.value.length());
		return "*".repeat(this.value.length() - visible) + this.value.substring(this.value.length() - visible);
	}

	@Override
	public String toString() {
		return masked();
	}

	/** The text is not an account number; the message says why. */
	public static class InvalidAccountNumberException extends IllegalArgumentException {

		public InvalidAccountNumberException(String message) {
			super(message);
		}

	}

}
