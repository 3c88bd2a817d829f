package com.phoneverify.gateway.otp;

import com.phoneverify.contracts.MerchantId;
import reactor.core.publisher.Mono;

/**
 * otp-service's internal API (port). The gateway does not interpret OTP operations: it
 * authenticates the merchant, names it, and passes the request and the answer through.
 */
public interface OtpBackOffice {

	/**
	 * Calls {@code <internal base>/<operation>} for {@code merchant}.
	 * @param post POST with {@code body} (JSON), or GET without
	 * @param operation the path below {@code /internal/otp/}, e.g. {@code verifications}
	 * @return the status, content type and body otp-service answered (problems included);
	 * an error {@link Unavailable} when it did not answer in time
	 */
	Mono<Answer> call(MerchantId merchant, boolean post, String operation, byte[] body);

	/** otp-service's answer, passed on unchanged. */
	record Answer(int status, String contentType, byte[] body) {
	}

	/** otp-service did not answer (down, unreachable, or too slow). */
	final class Unavailable extends RuntimeException {

		public Unavailable(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
