package com.phoneverify.gateway.ars.web;

import java.util.List;
import java.util.UUID;

import com.phoneverify.gateway.ars.ArsVerificationService;
import com.phoneverify.gateway.ars.DestinationLimitReached;
import com.phoneverify.gateway.ars.ArsVerificationView;
import com.phoneverify.gateway.ars.NewArsVerification;
import com.phoneverify.gateway.ars.CreateArsVerificationRequest;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.signing.SignedRequest;
import com.phoneverify.gateway.web.ApiProblem;
import com.phoneverify.gateway.web.Problem.FieldProblem;
import com.phoneverify.gateway.web.TraceContext;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** The merchant API of ARS verifications; every request is signed (see signing). */
@RestController
@RequestMapping(path = "/v1/ars-verifications", produces = MediaType.APPLICATION_JSON_VALUE)
class ArsVerificationController {

	private final ArsVerificationService verifications;

	private final GatewayProperties.Verification limits;

	ArsVerificationController(ArsVerificationService verifications, GatewayProperties properties) {
		this.verifications = verifications;
		this.limits = properties.verification();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ArsVerificationView> create(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@RequestAttribute(TraceContext.ATTRIBUTE) String traceparent,
			@RequestBody CreateArsVerificationRequest request, ServerWebExchange exchange) {
		return Mono
			.defer(() -> this.verifications.create(signed, NewArsVerification.from(request, this.limits), traceparent))
			.onErrorMap(DestinationLimitReached.class,
					(ex) -> RateLimits.destinationRateLimited(exchange, ex.retryAfter()));
	}

	@GetMapping("/{id}")
	Mono<ArsVerificationView> get(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@PathVariable String id) {
		return this.verifications.find(parseId(id), signed.merchantId()).switchIfEmpty(Mono.error(() -> notFound(id)));
	}

	@PostMapping(path = "/{id}/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ArsVerificationView> confirm(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@PathVariable String id, @RequestBody ConfirmRequest request, ServerWebExchange exchange) {
		String code = request.code();
		if (code == null || !code.matches("[0-9]{1,16}")) {
			return Mono.error(ApiProblem
				.invalidRequest(List.of(new FieldProblem("code", "is required: the digits the customer heard"))));
		}
		return this.verifications.confirm(signed, parseId(id), code)
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.flatMap((confirmation) -> switch (confirmation.decision()) {
				case NOT_CONFIRMABLE -> Mono.error(new ApiProblem(HttpStatus.CONFLICT, "verification-not-confirmable",
						"Not confirmable", "type C verifications are confirmed by the customer on the phone keypad"));
				case NOT_PENDING, EXPIRE -> Mono.error(notPending(confirmation.verification()));
				case NOT_DELIVERED ->
					Mono.error(new ApiProblem(HttpStatus.CONFLICT, "code-not-delivered", "Code not delivered",
							"the call has not delivered the code yet; confirm after the customer heard it"));
				case BUDGET_EXHAUSTED -> Mono.error(RateLimits.confirmBudgetExhausted(exchange,
						java.util.Objects.requireNonNull(confirmation.retryAfter())));
				default -> Mono.just(confirmation.verification());
			});
	}

	@PostMapping("/{id}/cancel")
	Mono<ArsVerificationView> cancel(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@PathVariable String id) {
		return this.verifications.cancel(signed, parseId(id))
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.flatMap((cancellation) -> cancellation.canceled() ? Mono.just(cancellation.verification())
					: Mono.error(notPending(cancellation.verification())));
	}

	private static VerificationId parseId(String id) {
		try {
			return new VerificationId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw notFound(id);
		}
	}

	private static ApiProblem notFound(String id) {
		return ApiProblem.notFound("no ARS verification with this id");
	}

	private static ApiProblem notPending(ArsVerificationView verification) {
		return new ApiProblem(HttpStatus.CONFLICT, "verification-not-pending", "Not pending",
				"the verification is " + verification.status().wireName() + ", no longer pending");
	}

}
