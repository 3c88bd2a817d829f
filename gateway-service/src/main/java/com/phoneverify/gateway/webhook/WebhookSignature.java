package com.phoneverify.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import com.phoneverify.contracts.http.RequestSignature;

/**
 * The {@code PV-Signature} header of a webhook:
 * {@code t=<unix seconds>,v1=<lower-hex HMAC-SHA256(webhookSecret, "<t>.<raw body>")>}.
 * Receivers recompute v1 over the raw body bytes, compare in constant time, and refuse a
 * {@code t} too far from their clock.
 */
public final class WebhookSignature {

	public static final String HEADER = "PV-Signature";

	public static final String EVENT_ID_HEADER = "PV-Event-Id";

	private WebhookSignature() {
	}

	public static String header(String secret, long timestamp, byte[] body) {
		return "t=" + timestamp + ",v1=" + v1(secret, timestamp, body);
	}

	static String v1(String secret, long timestamp, byte[] body) {
		return HexFormat.of()
			.formatHex(RequestSignature.hmac(secret, timestamp + "." + new String(body, StandardCharsets.UTF_8)));
	}

	/**
	 * Checks a header as a receiver would.
	 * @param toleranceSeconds how far {@code t} may be from {@code nowSeconds}
	 */
	public static boolean verify(String header, String secret, byte[] body, long nowSeconds, long toleranceSeconds) {
		if (header == null) {
			return false;
		}
		Long timestamp = null;
		String v1 = null;
		for (String part : header.split(",")) {
			if (part.startsWith("t=") && part.substring(2).matches("\\d{1,12}")) {
				timestamp = Long.parseLong(part.substring(2));
			}
			else if (part.startsWith("v1=")) {
				v1 = part.substring(3);
			}
		}
		if (timestamp == null || v1 == null || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
			return false;
		}
		return MessageDigest.isEqual(v1(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
				v1.getBytes(StandardCharsets.US_ASCII));
	}

}
