package com.phoneverify.gateway.web;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served, as a named problem. Thrown (or returned as
 * {@code Mono.error}) by filters and controllers; {@link ProblemExceptionHandler} renders
 * it. The message never carries personal data.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final String slug;

	private final String title;

	private final @Nullable List<Problem.FieldProblem> errors;

	private @Nullable Duration retryAfter;

	public ApiProblem(HttpStatus status, String slug, String title, String detail) {
		this(status, slug, title, detail, null);
	}

	public ApiProblem(HttpStatus status, String slug, String title, String detail,
			@Nullable List<Problem.FieldProblem> errors) {
		super(detail, null, false, false);
		this.status = status;
		this.slug = slug;
		this.title = title;
		this.errors = errors;
	}

	/** 400 with per-field errors. */
	public static ApiProblem invalidRequest(List<Problem.FieldProblem> errors) {
		String detail = (errors.size() == 1) ? errors.get(0).field() + ": " + errors.get(0).detail()
				: errors.size() + " fields are invalid: " + String.join(", ",
						errors.stream().map((error) -> error.field() + " (" + error.detail() + ")").toList());
		return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is invalid", detail,
				List.copyOf(errors));
	}

	public static ApiProblem notFound(String detail) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
	}

	/** Sets the {@code Retry-After} the response carries. */
	public ApiProblem retryAfter(Duration retryAfter) {
		this.retryAfter = retryAfter;
		return this;
	}

	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String slug() {
		return this.slug;
	}

	public Problem toProblem(String instance) {
		return new Problem(Problem.TYPE_BASE + this.slug, this.title, this.status.value(), getMessage(), instance,
				this.errors);
	}

}
