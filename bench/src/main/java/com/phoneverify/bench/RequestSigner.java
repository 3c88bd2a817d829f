package com.phoneverify.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.phoneverify.contracts.http.RequestSignature;

/**
 * Signs requests as {@link RequestSignature#sign} does, but with a {@link Mac} and a
 * {@link MessageDigest} kept per thread and nonces from {@link ThreadLocalRandom}: the
 * driver shares the machine's cores with the gateway, so every microsecond it spends is
 * taken from the server being measured. {@code RequestSignerTests} proves the output is
 * identical to the contract's.
 */
final class RequestSigner {

	private static final HexFormat HEX = HexFormat.of();

	private final String keyId;

	private final ThreadLocal<Mac> mac;

	private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	});

	RequestSigner(String keyId, String secret) {
		this.keyId = keyId;
		SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.mac = ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(key);
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** The {@code Authorization} header value of a request, with the given nonce. */
	String authorization(String method, String pathWithQuery, long timestamp, String nonce, byte[] body) {
		String toSign = method + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n"
				+ HEX.formatHex(this.sha256.get().digest(body));
		String signature = Base64.getEncoder()
			.encodeToString(this.mac.get().doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
		return RequestSignature.SCHEME + " keyId=" + this.keyId + ",timestamp=" + timestamp + ",nonce=" + nonce
				+ ",signature=" + signature;
	}

	/** A fresh 32-character nonce. */
	static String nonce() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
	}

}
