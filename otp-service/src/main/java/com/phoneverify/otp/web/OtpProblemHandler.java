package com.phoneverify.otp.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.OtpRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every error as RFC 9457 {@code application/problem+json}; the type names the
 * problem ({@code https://phoneverify.dev/problems/otp/<type>}). Unexpected errors are
 * 500 and logged without the request's data.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OtpProblemHandler implements WebExceptionHandler {

	static final String TYPE_BASE = "https://phoneverify.dev/problems/otp/";

	private static final Logger log = LoggerFactory.getLogger(OtpProblemHandler.class);

	private final JsonMapper json;

	OtpProblemHandler(JsonMapper json) {
		this.json = json;
	}

	/** The problem document. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Problem(String type, String title, int status, String detail, String instance) {
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		String instance = exchange.getRequest().getPath().value();
		Problem problem = toProblem(ex, instance);
		if (problem.status() >= 500) {
			log.error("{} {} failed", exchange.getRequest().getMethod(), instance, ex);
		}
		byte[] body = this.json.writeValueAsBytes(problem);
		response.setStatusCode(HttpStatus.valueOf(problem.status()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	static Problem toProblem(Throwable ex, String instance) {
		if (ex instanceof OtpRefusal refusal) {
			OtpProblem p = refusal.problem();
			return new Problem(TYPE_BASE + p.type(), p.title(), p.status(), refusal.getMessage(), instance);
		}
		if (ex instanceof ServerWebInputException input) {
			// decoding errors: say where, never echo the value
			return new Problem(TYPE_BASE + OtpProblem.INVALID_REQUEST.type(), OtpProblem.INVALID_REQUEST.title(), 400,
					"the body is not valid JSON of this operation (" + input.getReason() + ")", instance);
		}
		if (ex instanceof ResponseStatusException status) {
			int code = status.getStatusCode().value();
			return new Problem(TYPE_BASE + ((code == 404) ? "not-found" : "http-" + code),
					(status.getReason() != null) ? status.getReason() : "HTTP " + code, code,
					"see the internal API in otp-service/README.md", instance);
		}
		return new Problem(TYPE_BASE + "internal-error", "Internal error", 500,
				"the OTP service failed; the log has the cause", instance);
	}

}
