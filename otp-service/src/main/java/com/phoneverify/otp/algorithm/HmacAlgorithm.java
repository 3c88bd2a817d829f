package com.phoneverify.otp.algorithm;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The HMAC functions RFC 4226, 6238 and 6287 allow. One {@link Mac} per thread and
 * algorithm is kept, because {@code Mac.getInstance} costs more than the HMAC itself.
 */
public enum HmacAlgorithm {

	SHA1("HmacSHA1", "SHA1"), SHA256("HmacSHA256", "SHA256"), SHA512("HmacSHA512", "SHA512");

	private final String jcaName;

	private final String label;

	private final ThreadLocal<KeyedMac> macs;

	HmacAlgorithm(String jcaName, String label) {
		this.jcaName = jcaName;
		this.label = label;
		this.macs = ThreadLocal.withInitial(() -> new KeyedMac(newMac(jcaName)));
	}

	/**
	 * The name used in OCRA suites and otpauth URIs: {@code SHA1}, {@code SHA256},
	 * {@code SHA512}.
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The algorithm named {@code SHA1}, {@code SHA256} or {@code SHA512}
	 * (case-insensitive).
	 * @throws IllegalArgumentException for any other name
	 */
	public static HmacAlgorithm named(String name) {
		for (HmacAlgorithm algorithm : values()) {
			if (algorithm.label.equals(name.toUpperCase(Locale.ROOT))) {
				return algorithm;
			}
		}
		throw new IllegalArgumentException("unknown HMAC algorithm " + name + " (SHA1, SHA256 or SHA512)");
	}

	/**
	 * HMAC of {@code message} under {@code key}. Thread-safe. A verification computes
	 * several HMACs under one key (the look-ahead or drift window): the thread's
	 * {@link Mac} keeps its key between calls ({@code doFinal} resets it to the
	 * initialised state), so only a new key costs an {@code init}.
	 */
	public byte[] mac(byte[] key, byte[] message) {
		KeyedMac keyed = this.macs.get();
		if (keyed.key == null || !MessageDigest.isEqual(keyed.key, key)) {
			try {
				keyed.mac.init(new SecretKeySpec(key, this.jcaName));
			}
			catch (InvalidKeyException ex) {
				keyed.key = null;
				throw new IllegalArgumentException("unusable " + this.label + " key", ex);
			}
			keyed.key = key.clone();
		}
		return keyed.mac.doFinal(message);
	}

	/** A thread's Mac and the key it was last initialised with. */
	private static final class KeyedMac {

		private final Mac mac;

		private byte @Nullable [] key;

		KeyedMac(Mac mac) {
			this.mac = mac;
		}

	}

	private static Mac newMac(String jcaName) {
		try {
			return Mac.getInstance(jcaName);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(jcaName + " is missing from this JVM", ex);
		}
	}

}
