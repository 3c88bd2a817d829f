package com.phoneverify.otp.algorithm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://} provisioning URI of the Key Uri Format that authenticator apps
 * read (usually from a QR code):
 * {@code otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=…&digits=…&period=…}.
 * It carries the secret, so it is shown once to its owner and never logged.
 */
public final class OtpAuthUri {

	private OtpAuthUri() {
	}

	/** A TOTP URI. */
	public static String totp(String issuer, String accountLabel, byte[] secret, TotpVerifier totp) {
		return "otpauth://totp/" + encode(issuer) + ":" + encode(accountLabel) + "?secret=" + Base32.encode(secret)
				+ "&issuer=" + encode(issuer) + "&algorithm=" + totp.algorithm().label() + "&digits=" + totp.digits()
				+ "&period=" + totp.step().toSeconds();
	}

	/** A HOTP URI starting at {@code counter}. */
	public static String hotp(String issuer, String accountLabel, byte[] secret, HotpVerifier hotp, long counter) {
		return "otpauth://hotp/" + encode(issuer) + ":" + encode(accountLabel) + "?secret=" + Base32.encode(secret)
				+ "&issuer=" + encode(issuer) + "&algorithm=" + hotp.algorithm().label() + "&digits=" + hotp.digits()
				+ "&counter=" + counter;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
