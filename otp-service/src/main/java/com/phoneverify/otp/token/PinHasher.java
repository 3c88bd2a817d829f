package com.phoneverify.otp.token;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 of mobile OTP PINs, stored as {@code iterations:salt:hash} (Base64).
 * Slow on purpose: callers run it on a blocking-capable scheduler.
 */
public final class PinHasher {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final int iterations;

	public PinHasher(int iterations) {
		this.iterations = iterations;
	}

	/**
	 * @throws OtpRefusal when the PIN is not 6 digits
	 */
	public String hash(String pin) {
		checkFormat(pin);
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		Base64.Encoder base64 = Base64.getEncoder();
		return this.iterations + ":" + base64.encodeToString(salt) + ":"
				+ base64.encodeToString(derive(pin, salt, this.iterations));
	}

	/**
	 * Whether {@code pin} is the one hashed in {@code stored}, compared in constant time.
	 */
	public boolean matches(String pin, String stored) {
		String[] parts = stored.split(":");
		Base64.Decoder base64 = Base64.getDecoder();
		byte[] expected = base64.decode(parts[2]);
		return MessageDigest.isEqual(expected, derive(pin, base64.decode(parts[1]), Integer.parseInt(parts[0])));
	}

	public static void checkFormat(String pin) {
		if (!pin.matches("[0-9]{6}")) {
			throw new OtpRefusal(OtpProblem.INVALID_REQUEST, "a mobile OTP PIN is 6 digits");
		}
	}

	private static byte[] derive(String pin, byte[] salt, int iterations) {
		try {
			PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", ex);
		}
	}

}
