package com.phoneverify.transfer.ledger;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Account passwords as slow salted hashes: PBKDF2-HMAC-SHA256 from the JDK, a 16-byte
 * random salt per password, 32-byte hash, compared in constant time. CPU-bound: call it
 * off the event loop.
 */
public final class PasswordHash {

	private static final int SALT_BYTES = 16;

	private static final int HASH_BITS = 256;

	private static final SecureRandom random = new SecureRandom();

	private final int iterations;

	/**
	 * @param iterations for new hashes
	 */
	public PasswordHash(int iterations) {
		if (iterations < 1000) {
			throw new IllegalArgumentException("PBKDF2 needs at least 1000 iterations");
		}
		this.iterations = iterations;
	}

	/** A stored hash: what the accounts table keeps. */
	public record Stored(byte[] hash, byte[] salt, int iterations) {
	}

	public Stored hash(String password) {
		byte[] salt = new byte[SALT_BYTES];
		random.nextBytes(salt);
		return new Stored(derive(password, salt, this.iterations), salt, this.iterations);
	}

	public static boolean matches(String password, Stored stored) {
		return MessageDigest.isEqual(derive(password, stored.salt(), stored.iterations()), stored.hash());
	}

	private static byte[] derive(String password, byte[] salt, int iterations) {
		PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
		try {
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", ex);
		}
		finally {
			spec.clearPassword();
		}
	}

}
