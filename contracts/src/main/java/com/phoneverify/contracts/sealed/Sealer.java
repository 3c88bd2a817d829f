package com.phoneverify.contracts.sealed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens {@link SealedValue}s with a ring of AES-256 keys. New values are sealed
 * with the current key; any key of the ring opens. Thread-safe.
 */
public final class Sealer {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	/**
	 * {@code Cipher.getInstance} walks the provider list on every call, which costs more
	 * than sealing a phone number; a cipher is re-initialised for every value but never
	 * shared between threads.
	 */
	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	});

	private final SecureRandom random = new SecureRandom();

	private final Map<String, SecretKey> keys;

	private final String currentKeyId;

	private Sealer(Map<String, SecretKey> keys, String currentKeyId) {
		this.keys = Map.copyOf(keys);
		this.currentKeyId = currentKeyId;
	}

	/**
	 * @param base64Keys key id → Base64 of 32 random bytes
	 * @param currentKeyId the key that seals new values; must be in the ring
	 */
	public static Sealer of(Map<String, String> base64Keys, String currentKeyId) {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		base64Keys.forEach((id, text) -> {
			byte[] raw = Base64.getDecoder().decode(text);
			if (raw.length != 32) {
				throw new IllegalArgumentException(
						"sealing key '" + id + "' must be 32 bytes (Base64 of 32 random bytes)");
			}
			keys.put(id, new SecretKeySpec(raw, "AES"));
		});
		if (!keys.containsKey(currentKeyId)) {
			throw new IllegalArgumentException("current sealing key '" + currentKeyId + "' is not in the key ring");
		}
		return new Sealer(keys, currentKeyId);
	}

	public SealedValue seal(String plaintext, String associatedData) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId), nonce, associatedData);
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			Base64.Encoder base64 = Base64.getEncoder();
			return new SealedValue(this.currentKeyId, base64.encodeToString(nonce), base64.encodeToString(sealed));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * @throws SealingException when the key is unknown or the value was tampered with or
	 * belongs to other associated data
	 */
	public String open(SealedValue value, String associatedData) {
		SecretKey key = this.keys.get(value.keyId());
		if (key == null) {
			throw new SealingException("unknown sealing key '" + value.keyId() + "'");
		}
		try {
			Base64.Decoder base64 = Base64.getDecoder();
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, base64.decode(value.nonce()), associatedData);
			return new String(cipher.doFinal(base64.decode(value.ciphertext())), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new SealingException("sealed value does not open with key '" + value.keyId() + "'");
		}
	}

	private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String associatedData)
			throws GeneralSecurityException {
		Cipher cipher = CIPHERS.get();
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	/**
	 * A sealed value that cannot be opened: wrong key, wrong associated data, or
	 * tampered.
	 */
	public static final class SealingException extends RuntimeException {

		public SealingException(String message) {
			super(message);
		}

	}

}
