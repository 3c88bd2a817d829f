package com.phoneverify.gateway.otp;

import java.time.Duration;

import com.phoneverify.contracts.MerchantId;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** {@link OtpBackOffice} over HTTP with Spring's reactive {@link WebClient}. */
final class WebClientOtpBackOffice implements OtpBackOffice {

	static final String MERCHANT_HEADER = "X-Merchant-Id";

	private final WebClient client;

	private final Duration timeout;

	WebClientOtpBackOffice(WebClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	@Override
	public Mono<Answer> call(MerchantId merchant, boolean post, String operation, byte[] body) {
		WebClient.RequestBodySpec request = this.client.method(post ? HttpMethod.POST : HttpMethod.GET)
			.uri("/internal/otp/" + operation)
			.header(MERCHANT_HEADER, merchant.value())
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
		WebClient.RequestHeadersSpec<?> ready = post ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body)
				: request;
		return ready
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> new Answer(response.statusCode().value(),
						response.headers().contentType().map(MediaType::toString).orElse("application/json"), bytes)))
			.timeout(this.timeout)
			.onErrorMap((ex) -> !(ex instanceof Unavailable),
					(ex) -> new Unavailable("otp-service did not answer", ex));
	}

}
