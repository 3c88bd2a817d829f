package com.phoneverify.sms.recipient;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.phoneverify.contracts.phone.PhoneNumber;

/**
 * HMAC-SHA256 of a phone number's E.164 form under a key derived from the events key
 * ring. Equal numbers give equal keys; a key tells nothing about its number without the
 * ring.
 */
public final class RecipientKeys {

	/**
	 * A keyed Mac per thread: {@code Mac.getInstance} walks the provider list and
	 * {@code init} expands the key, on every call otherwise (the intake keys every
	 * request).
	 */
	private final ThreadLocal<Mac> macs;

	private RecipientKeys(byte[] key) {
		this.macs = ThreadLocal.withInitial(() -> keyed(key));
	}

	/**
	 * @param base64Key a key of the events ring; it is not used as is but derived
	 */
	public static RecipientKeys derivedFrom(String base64Key) {
		byte[] ringKey = Base64.getDecoder().decode(base64Key);
		return new RecipientKeys(hmac(ringKey, "sms-relay recipient lookup v1".getBytes(StandardCharsets.UTF_8)));
	}

	public String of(PhoneNumber number) {
		return HexFormat.of().formatHex(this.macs.get().doFinal(number.e164().getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		return keyed(key).doFinal(data);
	}

	private static Mac keyed(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
