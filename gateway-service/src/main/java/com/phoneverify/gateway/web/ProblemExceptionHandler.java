package com.phoneverify.gateway.web;

import java.util.ArrayList;
import java.util.List;

import com.phoneverify.messaging.trace.Traceparent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every error of the HTTP API as {@code application/problem+json}: the features'
 * {@link ApiProblem}s, the framework's decoding and routing errors, and anything
 * unexpected (500, logged without the request's data).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	private final JsonMapper json;

	public ProblemExceptionHandler(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		ApiProblem problem = toApiProblem(ex);
		if (problem.retryAfter() != null) {
			response.getHeaders()
				.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
		}
		if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
			// expected while the database is stalled: one line, not a stack trace per
			// request
			log.warn("{} {} refused: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
					problem.getMessage());
		}
		else if (problem.status().is5xxServerError()) {
			String traceparent = exchange.getAttribute(TraceContext.ATTRIBUTE);
			log.error("{} {} failed (trace {})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
					(traceparent != null) ? Traceparent.traceId(traceparent) : "none", ex);
		}
		byte[] body = this.json.writeValueAsBytes(problem.toProblem(exchange.getRequest().getPath().value()));
		response.setStatusCode(problem.status());
		response.getHeaders().setContentType(PROBLEM_JSON);
		response.getHeaders().setContentLength(body.length);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	static ApiProblem toApiProblem(Throwable ex) {
		if (ex instanceof ApiProblem problem) {
			return problem;
		}
		if (ex instanceof InvalidMediaTypeException) {
			// a Content-Type or Accept that is no media type at all: the router's content
			// type predicate throws this while it matches (found by GatewayHttpFuzzTests)
			return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-media-type", "Invalid media type",
					"the Content-Type or Accept header is not a valid media type (RFC 9110 §8.3.1)");
		}
		if (ex instanceof UnsupportedMediaTypeStatusException unsupported) {
			return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
					"the body must be application/json, not "
							+ ((unsupported.getContentType() != null) ? unsupported.getContentType() : "unspecified"));
		}
		if (ex instanceof ServerWebInputException input) {
			return fromInputError(input);
		}
		if (ex instanceof MethodNotAllowedException notAllowed) {
			return new ApiProblem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
					notAllowed.getHttpMethod() + " is not allowed here; allowed: " + notAllowed.getSupportedMethods());
		}
		if (ex instanceof NotAcceptableStatusException) {
			return new ApiProblem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
					"responses are application/json or application/problem+json");
		}
		if (ex instanceof ResponseStatusException status) {
			HttpStatusCode code = status.getStatusCode();
			HttpStatus resolved = HttpStatus.resolve(code.value());
			if (resolved == HttpStatus.NOT_FOUND) {
				return ApiProblem.notFound("no resource at this path");
			}
			if (resolved == HttpStatus.PAYLOAD_TOO_LARGE || hasCause(ex, DataBufferLimitException.class)) {
				return payloadTooLarge();
			}
			if (resolved != null && resolved.is4xxClientError()) {
				return new ApiProblem(resolved, "http-" + resolved.value(), resolved.getReasonPhrase(),
						(status.getReason() != null) ? status.getReason() : resolved.getReasonPhrase());
			}
		}
		if (hasCause(ex, DataBufferLimitException.class)) {
			return payloadTooLarge();
		}
		if (DatabaseProblems.isUnavailable(ex)) {
			return DatabaseProblems.unavailable(ex);
		}
		return new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				"the request could not be completed; it is safe to retry with a new signature");
	}

	public static ApiProblem payloadTooLarge() {
		return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large",
				"the request body is larger than the gateway accepts");
	}

	private static ApiProblem fromInputError(ServerWebInputException input) {
		if (hasCause(input, DataBufferLimitException.class)) {
			return payloadTooLarge();
		}
		Throwable cause = input;
		while (cause != null && !(cause instanceof JacksonException)) {
			cause = cause.getCause();
		}
		List<Problem.FieldProblem> errors = new ArrayList<>();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			errors.add(new Problem.FieldProblem(unknown.getPropertyName(), "unknown field"));
		}
		else if (cause instanceof InvalidFormatException invalid) {
			errors.add(new Problem.FieldProblem(path(invalid),
					"must be " + describe(invalid.getTargetType()) + " (got a value that is not)"));
		}
		else if (cause instanceof MismatchedInputException mismatched) {
			errors.add(new Problem.FieldProblem(path(mismatched), "must be " + describe(mismatched.getTargetType())));
		}
		else if (cause instanceof StreamReadException malformed) {
			return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
					"the body is not valid JSON: " + malformed.getOriginalMessage());
		}
		else if (input.getReason() != null && input.getReason().contains("No request body")) {
			return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
					"the request needs a JSON body");
		}
		else {
			return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is invalid",
					(input.getReason() != null) ? input.getReason() : "the request could not be read");
		}
		return ApiProblem.invalidRequest(errors);
	}

	private static String path(JacksonException ex) {
		String joined = String.join(".",
				ex.getPath()
					.stream()
					.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
							: "[" + reference.getIndex() + "]")
					.toList());
		return joined.isEmpty() ? "(body)" : joined;
	}

	private static String describe(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
			return "a number";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		return "a JSON object";
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
