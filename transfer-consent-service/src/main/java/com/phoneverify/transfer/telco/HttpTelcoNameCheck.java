package com.phoneverify.transfer.telco;

import java.time.Duration;
import java.util.Map;

import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.transfer.consent.NameCheck;
import com.phoneverify.transfer.consent.TelcoNameCheck;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link TelcoNameCheck} over HTTP:
 *
 * <pre>
 * POST /v1/name-checks  {"phone":"+821012345678","name":"홍길동"}
 * 200 {"result":"MATCH"|"CLOSE_MATCH"|"NO_MATCH","holderNameMasked":"홍*동"|null}
 * </pre>
 *
 * Any other answer, or none within the timeout, is
 * {@link TelcoNameCheck.NameCheckUnavailableException}: a transfer is never started on an
 * unchecked phone.
 */
final class HttpTelcoNameCheck implements TelcoNameCheck {

	private static final Logger logger = LoggerFactory.getLogger(HttpTelcoNameCheck.class);

	private final WebClient client;

	private final Duration timeout;

	HttpTelcoNameCheck(WebClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	record Answer(String result, @Nullable String holderNameMasked) {
	}

	@Override
	public Mono<NameCheck> check(PhoneNumber phone, String expectedName) {
		return this.client.post()
			.uri("/v1/name-checks")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("phone", phone.e164(), "name", expectedName))
			.retrieve()
			.bodyToMono(Answer.class)
			.timeout(this.timeout)
			.map((answer) -> {
				NameCheck.Result result = NameCheck.Result.valueOf(answer.result());
				return new NameCheck(result,
						(result == NameCheck.Result.CLOSE_MATCH) ? answer.holderNameMasked() : null);
			})
			.onErrorMap((ex) -> !(ex instanceof NameCheckUnavailableException), (ex) -> {
				// the class only: a message could quote the request
				logger.warn("Telco name check failed: {}", ex.getClass().getSimpleName());
				return new NameCheckUnavailableException("the telco name check did not answer usably", ex);
			});
	}

}
