package com.phoneverify.contracts.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One request signature, as carried in the {@code Authorization} header:
 *
 * <pre>
 * Authorization: PV1-HMAC-SHA256 keyId=&lt;key id&gt;,timestamp=&lt;unix seconds&gt;,nonce=&lt;16-64 chars [A-Za-z0-9_-]&gt;,signature=&lt;Base64&gt;
 * </pre>
 *
 * The signature is Base64 of HMAC-SHA256(secret, string to sign), where the string to
 * sign is
 *
 * <pre>
 * METHOD \n PATH-WITH-QUERY \n TIMESTAMP \n NONCE \n lower-hex SHA-256 of the body (of no bytes if none)
 * </pre>
 *
 * The gateway accepts a timestamp within five minutes of its clock and each signature
 * once.
 */
public record RequestSignature(String keyId, long timestamp, String nonce, String signature) {

	public static final String SCHEME = "PV1-HMAC-SHA256";

	// getInstance walks the provider list on every call; one instance per thread,
	// re-keyed per use.
	private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
		try {
			return Mac.getInstance("HmacSHA256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	});

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	});

	/**
	 * Signs a request; {@code secret} is the merchant's API secret as issued (Base64url
	 * text).
	 */
	public static RequestSignature sign(String keyId, String secret, String method, String pathWithQuery,
			long timestamp, String nonce, byte[] body) {
		String signature = Base64.getEncoder()
			.encodeToString(hmac(secret, stringToSign(method, pathWithQuery, timestamp, nonce, body)));
		return new RequestSignature(keyId, timestamp, nonce, signature);
	}

	public static String stringToSign(String method, String pathWithQuery, long timestamp, String nonce, byte[] body) {
		return method.toUpperCase(java.util.Locale.ROOT) + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n"
				+ HexFormat.of().formatHex(sha256(body));
	}

	/** Recomputes the signature with {@code secret} and compares in constant time. */
	public boolean matches(String secret, String method, String pathWithQuery, byte[] body) {
		byte[] expected = hmac(secret, stringToSign(method, pathWithQuery, this.timestamp, this.nonce, body));
		byte[] given;
		try {
			given = Base64.getDecoder().decode(this.signature);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(expected, given);
	}

	public String toHeaderValue() {
		return SCHEME + " keyId=" + this.keyId + ",timestamp=" + this.timestamp + ",nonce=" + this.nonce + ",signature="
				+ this.signature;
	}

	/**
	 * Parses an {@code Authorization} header value; empty when it is not a well-formed
	 * signature.
	 */
	public static Optional<RequestSignature> parse(String header) {
		if (header == null || !header.startsWith(SCHEME + " ")) {
			return Optional.empty();
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (String part : header.substring(SCHEME.length() + 1).split(",")) {
			int eq = part.indexOf('=');
			if (eq <= 0) {
				return Optional.empty();
			}
			fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
		}
		String keyId = fields.get("keyId");
		String timestamp = fields.get("timestamp");
		String nonce = fields.get("nonce");
		String signature = fields.get("signature");
		if (keyId == null || keyId.isEmpty() || timestamp == null || !timestamp.matches("\\d{1,12}") || nonce == null
				|| !nonce.matches("[A-Za-z0-9_-]{16,64}") || signature == null || signature.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new RequestSignature(keyId, Long.parseLong(timestamp), nonce, signature));
	}

	/**
	 * HMAC-SHA256 of {@code text} under {@code secret}; also used for webhook signatures.
	 */
	public static byte[] hmac(String secret, String text) {
		try {
			Mac mac = MACS.get();
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (InvalidKeyException ex) {
			throw new IllegalArgumentException("not a usable HMAC key", ex);
		}
	}

	private static byte[] sha256(byte[] body) {
		return SHA256.get().digest((body != null) ? body : new byte[0]);
	}

}
