package com.phoneverify.transfer.consent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.phoneverify.contracts.TransferId;

/**
 * One-time consent codes: random digits from {@link SecureRandom}, stored only as
 * HMAC-SHA256 under a service key and bound to the transfer (so a stored hash neither
 * gives the code away to a million guesses nor fits another transfer), compared in
 * constant time.
 */
public final class ConsentCodes {

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	private final int length;

	/**
	 * @param key 32 random bytes
	 */
	public ConsentCodes(byte[] key, int length) {
		if (key.length < 32) {
			throw new IllegalArgumentException("the code key must have 32 bytes");
		}
		if (length < 4 || length > 10) {
			throw new IllegalArgumentException("a code has 4 to 10 digits");
		}
		this.key = new SecretKeySpec(key, "HmacSHA256");
		this.length = length;
	}

	public int length() {
		return this.length;
	}

	/** A new code, uniformly random. */
	public String generate() {
		StringBuilder code = new StringBuilder(this.length);
		for (int i = 0; i < this.length; i++) {
			code.append((char) ('0' + this.random.nextInt(10)));
		}
		return code.toString();
	}

	public byte[] hash(TransferId transfer, String code) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update(transfer.toString().getBytes(StandardCharsets.US_ASCII));
			mac.update((byte) 0);
			return mac.doFinal(code.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	public boolean matches(TransferId transfer, String code, byte[] storedHash) {
		return MessageDigest.isEqual(hash(transfer, code), storedHash);
	}

}
