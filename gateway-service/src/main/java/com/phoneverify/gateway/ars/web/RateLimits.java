package com.phoneverify.gateway.ars.web;

import java.time.Duration;

import com.phoneverify.gateway.web.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * The 429 problems of issue 13 (RFC 9457), each with a {@code Retry-After} header in
 * whole seconds (at least 1). The header is set on the exchange's response before the
 * problem is raised; the problem handler keeps it.
 */
final class RateLimits {

	private RateLimits() {
	}

	static ApiProblem destinationRateLimited(ServerWebExchange exchange, Duration retryAfter) {
		retryAfter(exchange, retryAfter);
		return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "destination-rate-limited",
				"Too many verifications for this number",
				"this phone number had as many verifications as it may have for now, whichever merchants asked; "
						+ "nothing was stored");
	}

	static ApiProblem confirmBudgetExhausted(ServerWebExchange exchange, Duration retryAfter) {
		retryAfter(exchange, retryAfter);
		return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "confirm-budget-exhausted", "Too many wrong codes",
				"this merchant sent as many wrong codes as it may for now; the code was not checked and no attempt "
						+ "was used");
	}

	private static void retryAfter(ServerWebExchange exchange, Duration retryAfter) {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

}
