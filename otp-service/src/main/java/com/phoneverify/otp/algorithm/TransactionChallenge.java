package com.phoneverify.otp.algorithm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The OCRA challenge of a transfer, bound to the recipient account and the amount: the
 * SHA-256 of {@code "<account digits>|<amount, plain>"} written in the suite's challenge
 * format and length. The server and the customer's OTP app compute it from the transfer
 * they both show, so a code signed for one recipient or amount fails for any other.
 */
public final class TransactionChallenge {

	private TransactionChallenge() {
	}

	/**
	 * The challenge for {@code suite}.
	 * @param recipientAccount the account number; anything but digits (dashes, spaces) is
	 * ignored, so {@code 123-45-678} and {@code 12345678} bind alike
	 * @param amount the amount in the currency's unit (KRW: won); {@code 10000} and
	 * {@code 10000.00} bind alike
	 */
	public static String of(OcraSuite suite, String recipientAccount, BigDecimal amount) {
		String account = recipientAccount.replaceAll("[^0-9]", "");
		if (account.isEmpty()) {
			throw new IllegalArgumentException("a recipient account has digits");
		}
		if (amount.signum() <= 0) {
			throw new IllegalArgumentException("an amount is positive");
		}
		String canonical = account + "|" + amount.stripTrailingZeros().toPlainString();
		byte[] digest = sha256(canonical.getBytes(StandardCharsets.UTF_8));
		int length = suite.challengeLength();
		return switch (suite.challengeFormat()) {
			case 'N' -> leftPadded(new BigInteger(1, digest).mod(BigInteger.TEN.pow(length)).toString(), length);
			case 'H' -> HexFormat.of().withUpperCase().formatHex(digest).substring(0, length);
			default -> HexFormat.of().withUpperCase().formatHex(digest).substring(0, length);
		};
	}

	private static String leftPadded(String digits, int length) {
		return "0".repeat(length - digits.length()) + digits;
	}

	private static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
