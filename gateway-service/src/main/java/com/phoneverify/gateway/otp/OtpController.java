package com.phoneverify.gateway.otp;

import java.util.Set;

import com.phoneverify.gateway.signing.NonceStore;
import com.phoneverify.gateway.signing.SignedRequest;
import com.phoneverify.gateway.web.ApiProblem;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/otp/**}: every OTP operation, signed by the merchant (the signing filter
 * checked it and kept the body), forwarded to otp-service with the merchant's id. A POST
 * spends its nonce here, before forwarding, so a replayed request never reaches
 * otp-service. The operations and their bodies: {@code docs/otp-api.yaml}.
 */
@RestController
@RequestMapping("/v1/otp")
class OtpController {

	/** The POST operations, as otp-service names them below {@code /internal/otp/}. */
	static final Set<String> OPERATIONS = Set.of("hardware-tokens", "hardware-tokens/cancel",
			"hardware-tokens/report-lost", "hardware-tokens/recover", "hardware-tokens/reset-errors", "security-cards",
			"mobile-tokens", "mobile-tokens/cancel", "mobile-tokens/reset-errors", "verifications",
			"resynchronisations", "transfer-verifications", "inquiries/customer-tokens");

	private final OtpBackOffice backOffice;

	private final NonceStore nonces;

	private final PhoneIdentityCheck phoneIdentity;

	OtpController(OtpBackOffice backOffice, NonceStore nonces, PhoneIdentityCheck phoneIdentity) {
		this.backOffice = backOffice;
		this.nonces = nonces;
		this.phoneIdentity = phoneIdentity;
	}

	@PostMapping(path = { "/{resource}", "/{resource}/{action}" }, consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<byte[]>> post(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@RequestAttribute(SignedRequest.BODY_ATTRIBUTE) byte[] body, @PathVariable String resource,
			@PathVariable(required = false) String action) {
		String operation = (action != null) ? resource + "/" + action : resource;
		if (!OPERATIONS.contains(operation)) {
			return Mono.error(ApiProblem.notFound("no OTP operation " + operation + " (see docs/otp-api.yaml)"));
		}
		Mono<byte[]> forwarded = operation.equals("mobile-tokens")
				? Mono.defer(() -> this.phoneIdentity.apply(signed.merchantId(), body)) : Mono.just(body);
		return this.nonces.consume(signed)
			.then(forwarded)
			.flatMap((checked) -> this.backOffice.call(signed.merchantId(), true, operation, checked))
			.map(OtpController::passOn)
			.onErrorMap(OtpBackOffice.Unavailable.class, (ex) -> unavailable());
	}

	@GetMapping("/devices/{vendorCode}/{serial}/{view}")
	Mono<ResponseEntity<byte[]>> device(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@PathVariable String vendorCode, @PathVariable String serial, @PathVariable String view) {
		if (!Set.of("institutions", "history", "errors").contains(view) || !vendorCode.matches("[0-9A-Za-z]{2,4}")
				|| !serial.matches("[0-9A-Za-z-]{6,20}")) {
			return Mono.error(ApiProblem.notFound("no such device view (institutions, history or errors)"));
		}
		return this.backOffice
			.call(signed.merchantId(), false, "devices/" + vendorCode + "/" + serial + "/" + view, new byte[0])
			.map(OtpController::passOn)
			.onErrorMap(OtpBackOffice.Unavailable.class, (ex) -> unavailable());
	}

	private static ResponseEntity<byte[]> passOn(OtpBackOffice.Answer answer) {
		return ResponseEntity.status(answer.status())
			.contentType(MediaType.parseMediaType(answer.contentType()))
			.body(answer.body());
	}

	private static ApiProblem unavailable() {
		return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "otp-unavailable", "OTP service unavailable",
				"otp-service did not answer in time; the operation may or may not have been applied: check with an inquiry before retrying with a new nonce");
	}

}
