package com.phoneverify.gateway.ars;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.phoneverify.contracts.VerificationId;
import org.jspecify.annotations.Nullable;

/**
 * Makes codes and challenge keys, and keeps codes only as HMAC-SHA256 under a server
 * pepper, bound to the verification id (equal codes hash differently). Comparison is in
 * constant time. Thread-safe.
 */
final class VerificationCodes {

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec pepper;

	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

	VerificationCodes(@Nullable String base64Pepper) {
		if (base64Pepper == null || base64Pepper.isBlank()) {
			throw new IllegalStateException("gateway.verification.code-pepper must be set (Base64 of random bytes)");
		}
		byte[] raw = Base64.getDecoder().decode(base64Pepper);
		if (raw.length < 16) {
			throw new IllegalStateException("gateway.verification.code-pepper must be at least 16 bytes");
		}
		this.pepper = new SecretKeySpec(raw, "HmacSHA256");
	}

	/** {@code length} random decimal digits. */
	String newCode(int length) {
		char[] digits = new char[length];
		for (int i = 0; i < length; i++) {
			digits[i] = (char) ('0' + this.random.nextInt(10));
		}
		return new String(digits);
	}

	/** A random key 1-9 that the customer presses first in scenario B. */
	String newChallengeKey() {
		return Integer.toString(1 + this.random.nextInt(9));
	}

	byte[] hash(VerificationId id, String code) {
		// doFinal leaves the Mac initialised with the pepper, ready for the next value
		return this.macs.get().doFinal((id + ":" + code).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The keyed hash of a phone number (E.164) that the per-destination limits count:
	 * HMAC-SHA256 under the pepper, in a domain of its own (a code hash never equals it),
	 * so the number is not stored in clear and cannot be found by hashing every number
	 * without the pepper.
	 */
	byte[] destinationHash(String e164) {
		return this.macs.get().doFinal(("destination:" + e164).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A Mac keyed with the pepper: {@code Mac.getInstance} walks the provider list and
	 * {@code init} expands the key, which cost more than the hash itself on the request
	 * path. Never shared between threads.
	 */
	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.pepper);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** Whether {@code code} is the one whose hash is stored; constant time. */
	boolean matches(VerificationId id, String code, byte[] storedHash) {
		return MessageDigest.isEqual(hash(id, code), storedHash);
	}

}
