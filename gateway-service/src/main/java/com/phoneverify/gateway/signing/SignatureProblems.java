package com.phoneverify.gateway.signing;

import com.phoneverify.gateway.web.ApiProblem;

import org.springframework.http.HttpStatus;

/** The 401 problems of request signing, each with its own type. */
public final class SignatureProblems {

	private SignatureProblems() {
	}

	static ApiProblem missing() {
		return problem("signature-missing", "Signature missing",
				"the request needs an Authorization header: PV1-HMAC-SHA256 keyId=…,timestamp=…,nonce=…,signature=…");
	}

	static ApiProblem malformed() {
		return problem("signature-malformed", "Signature malformed",
				"the Authorization header is not a well-formed PV1-HMAC-SHA256 signature "
						+ "(keyId, timestamp in unix seconds, nonce of 16-64 [A-Za-z0-9_-], signature in Base64)");
	}

	static ApiProblem expired(long skewSeconds, long windowSeconds) {
		return problem("signature-expired", "Signature expired",
				"the signature's timestamp is " + Math.abs(skewSeconds) + " s "
						+ ((skewSeconds > 0) ? "ahead of" : "behind") + " the gateway's clock; at most " + windowSeconds
						+ " s are accepted");
	}

	static ApiProblem unknownKey() {
		return problem("signature-invalid", "Signature invalid", "the key id is unknown or revoked");
	}

	static ApiProblem mismatch() {
		return problem("signature-invalid", "Signature invalid",
				"the signature does not match the request (method, path with query, timestamp, nonce, body SHA-256)");
	}

	/** The nonce of this key was used before. */
	public static ApiProblem replayed() {
		return problem("signature-replayed", "Signature replayed",
				"this signature's nonce was used before; sign every request with a new nonce");
	}

	private static ApiProblem problem(String slug, String title, String detail) {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, slug, title, detail);
	}

}
