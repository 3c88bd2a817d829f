package com.phoneverify.gateway.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 9457 problem document, as sent.
 *
 * @param type a stable URI that names the kind of problem (RFC 9457 §3.1.1)
 * @param errors per-field problems of a bad request; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
		@Nullable List<FieldProblem> errors) {

	/** Base of every problem type URI. */
	public static final String TYPE_BASE = "https://phoneverify.dev/problems/";

	/** One field of the request and what is wrong with it. */
	public record FieldProblem(String field, String detail) {
	}

}
