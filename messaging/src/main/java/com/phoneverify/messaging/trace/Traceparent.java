package com.phoneverify.messaging.trace;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The W3C Trace Context {@code traceparent} value (§3.2):
 * {@code version-traceid-parentid-flags}, lower-case hex. Used for HTTP requests, Kafka
 * headers, events and logs alike.
 */
public final class Traceparent {

	/** The header name, in HTTP requests and responses and in Kafka records. */
	public static final String HEADER = "traceparent";

	// version ff is invalid, as are all-zero trace and parent ids
	private static final Pattern FORMAT = Pattern
		.compile("(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

	private static final HexFormat HEX = HexFormat.of();

	private Traceparent() {
	}

	/** Whether a value is a well-formed traceparent. */
	public static boolean isValid(@Nullable String traceparent) {
		return traceparent != null && traceparent.length() == 55 && FORMAT.matcher(traceparent).matches();
	}

	/** A new traceparent: version 00, random ids, sampled. */
	public static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high;
		long low;
		do {
			high = random.nextLong();
			low = random.nextLong();
		}
		while (high == 0 && low == 0);
		long parent;
		do {
			parent = random.nextLong();
		}
		while (parent == 0);
		return "00-" + HEX.toHexDigits(high) + HEX.toHexDigits(low) + "-" + HEX.toHexDigits(parent) + "-01";
	}

	/** The 32-hex-digit trace id of a valid traceparent. */
	public static String traceId(String traceparent) {
		return traceparent.substring(3, 35);
	}

	/** The 16-hex-digit parent (span) id of a valid traceparent. */
	public static String spanId(String traceparent) {
		return traceparent.substring(36, 52);
	}

}
