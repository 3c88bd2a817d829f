package com.phoneverify.gateway.web;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The W3C trace context of every {@code /v1/**} request: the caller's {@code traceparent}
 * header when it is well-formed (W3C Trace Context §3.2), else a new one (random 16-byte
 * trace id and 8-byte parent id, flags {@code 01}, sampled). It is handed to the handler
 * as the exchange attribute {@link #ATTRIBUTE}, echoed in the response header
 * {@code traceparent} (also on errors), and carried by the events of the verification the
 * request creates.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class TraceContext implements WebFilter {

	/** The header, in requests, responses and Kafka records. */
	public static final String HEADER = "traceparent";

	/** The exchange attribute (and {@code @RequestAttribute} name) holding the value. */
	public static final String ATTRIBUTE = "com.phoneverify.gateway.web.TraceContext";

	// version-traceid-parentid-flags, lower-case hex; version ff is invalid
	private static final Pattern TRACEPARENT = Pattern
		.compile("(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

	private static final HexFormat HEX = HexFormat.of();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/v1/")) {
			return chain.filter(exchange);
		}
		String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
		String traceparent = isValid(incoming) ? incoming : generate();
		exchange.getAttributes().put(ATTRIBUTE, traceparent);
		exchange.getResponse().getHeaders().set(HEADER, traceparent);
		return chain.filter(exchange);
	}

	/** Whether a header value is a well-formed traceparent. */
	public static boolean isValid(@Nullable String traceparent) {
		return traceparent != null && traceparent.length() == 55 && TRACEPARENT.matcher(traceparent).matches();
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

	/** The trace id of a valid traceparent. */
	public static String traceId(String traceparent) {
		return traceparent.substring(3, 35);
	}

}
