package com.phoneverify.gateway.web;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which requests are the signed merchant API ({@code /v1/**}), decided on the path the
 * router matches: WebFlux routes on the percent-decoded segments without their matrix
 * variables ({@code /v1;x=1/ars-verifications} and {@code /%761/ars-verifications} both
 * reach the {@code /v1/ars-verifications} route), so a check on the raw text alone would
 * let such a request past authentication to a handler that has no signed caller.
 */
public final class ApiPaths {

	private static final String API_SEGMENT = "v1";

	private ApiPaths() {
	}

	/**
	 * Whether the request is for the merchant API: the first non-empty segment of its
	 * path, percent-decoded and without matrix variables, is {@code v1} (in any case).
	 */
	public static boolean isApi(ServerHttpRequest request) {
		RequestPath path = request.getPath();
		if (path.pathWithinApplication().value().startsWith("/" + API_SEGMENT + "/")) {
			return true;
		}
		for (PathContainer.Element element : path.pathWithinApplication().elements()) {
			if (element instanceof PathContainer.PathSegment segment && !segment.valueToMatch().isEmpty()) {
				return segment.valueToMatch().equalsIgnoreCase(API_SEGMENT);
			}
		}
		return false;
	}

	/**
	 * Whether an API request's path is in anything but its one plain form: with a matrix
	 * variable ({@code ;}), a percent-encoded character or an empty segment. The API's
	 * paths need none of them (ids are UUIDs), and refusing them keeps the path that is
	 * signed, the path that is authenticated and the path that is routed the same.
	 */
	public static boolean isUnusual(ServerHttpRequest request) {
		String raw = request.getURI().getRawPath();
		return raw == null || raw.indexOf(';') >= 0 || raw.indexOf('%') >= 0 || raw.contains("//")
				|| !raw.startsWith("/" + API_SEGMENT);
	}

}
