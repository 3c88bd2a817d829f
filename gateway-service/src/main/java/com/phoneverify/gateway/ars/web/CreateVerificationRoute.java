package com.phoneverify.gateway.ars.web;

import com.phoneverify.gateway.ars.ArsVerificationService;
import com.phoneverify.gateway.ars.ArsVerificationView;
import com.phoneverify.gateway.ars.DestinationLimitReached;
import com.phoneverify.gateway.ars.NewArsVerification;
import com.phoneverify.gateway.ars.CreateArsVerificationRequest;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.signing.SignedRequest;
import com.phoneverify.gateway.web.TraceContext;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;

/**
 * The hot path, {@code POST /v1/ars-verifications} with a JSON body, as a functional
 * endpoint: the body the signature filter already read is parsed by a prepared
 * {@link ObjectReader} and the answer written by a prepared {@link ObjectWriter}, without
 * the annotated controller's argument resolution and codec lookups (a profile showed them
 * costing more than the gateway's own work). It behaves as
 * {@link ArsVerificationController#create} does, which still serves everything else of
 * the same path (another content type: 415; an Accept without JSON: 406) and documents
 * it. Errors reach the problem handler as the controller's would.
 */
@Configuration(proxyBeanMethods = false)
class CreateVerificationRoute {

	@Bean
	RouterFunction<ServerResponse> createArsVerificationRoute(ArsVerificationService verifications, JsonMapper json,
			GatewayProperties properties) {
		Handler handler = new Handler(verifications, json, properties.verification());
		return RouterFunctions.route(RequestPredicates.POST("/v1/ars-verifications")
			.and(RequestPredicates.contentType(MediaType.APPLICATION_JSON))
			.and(RequestPredicates.accept(MediaType.APPLICATION_JSON)), handler::create);
	}

	static final class Handler {

		private final ArsVerificationService verifications;

		private final ObjectReader reader;

		private final ObjectWriter writer;

		private final GatewayProperties.Verification limits;

		Handler(ArsVerificationService verifications, JsonMapper json, GatewayProperties.Verification limits) {
			this.verifications = verifications;
			this.reader = json.readerFor(CreateArsVerificationRequest.class);
			this.writer = json.writerFor(ArsVerificationView.class);
			this.limits = limits;
		}

		Mono<ServerResponse> create(ServerRequest request) {
			SignedRequest signed = request.exchange().getRequiredAttribute(SignedRequest.ATTRIBUTE);
			String traceparent = request.exchange().getRequiredAttribute(TraceContext.ATTRIBUTE);
			byte[] body = request.exchange().getRequiredAttribute(SignedRequest.BODY_ATTRIBUTE);
			return Mono
				.defer(() -> this.verifications.create(signed, NewArsVerification.from(parse(body), this.limits),
						traceparent))
				.onErrorMap(DestinationLimitReached.class,
						(ex) -> RateLimits.destinationRateLimited(request.exchange(), ex.retryAfter()))
				.flatMap((view) -> ServerResponse.status(HttpStatus.CREATED)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(this.writer.writeValueAsBytes(view)));
		}

		private CreateArsVerificationRequest parse(byte[] body) {
			if (body.length == 0) {
				throw new ServerWebInputException("No request body");
			}
			try {
				CreateArsVerificationRequest parsed = this.reader.readValue(body);
				if (parsed == null) {
					throw new ServerWebInputException("No request body");
				}
				return parsed;
			}
			catch (JacksonException ex) {
				throw new ServerWebInputException("Failed to read HTTP message", null, ex);
			}
		}

	}

}
