package com.phoneverify.gateway.transfer.web;

import java.util.UUID;

import com.phoneverify.contracts.VerificationId;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.signing.SignedRequest;
import com.phoneverify.gateway.transfer.NewTransfer;
import com.phoneverify.gateway.transfer.TransferVerificationService;
import com.phoneverify.gateway.transfer.TransferVerificationView;
import com.phoneverify.gateway.web.ApiProblem;
import com.phoneverify.gateway.web.TraceContext;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/transfers}: request a 2-WAY transfer (202: the recipient is being asked),
 * read it, cancel it while it is pending (202: the bank releases the hold, the status
 * follows), and download its signed evidence once it ended.
 */
@RestController
@RequestMapping(path = "/v1/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
class TransferController {

	private final TransferVerificationService transfers;

	private final boolean allowLocalHttpCallbacks;

	TransferController(TransferVerificationService transfers, GatewayProperties properties) {
		this.transfers = transfers;
		this.allowLocalHttpCallbacks = properties.verification().allowLocalHttpCallbacks();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<TransferVerificationView> create(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@RequestAttribute(TraceContext.ATTRIBUTE) String traceparent, @RequestBody NewTransfer.Request request) {
		return Mono.defer(() -> this.transfers.create(signed, NewTransfer.from(request, this.allowLocalHttpCallbacks),
				traceparent));
	}

	@GetMapping("/{id}")
	Mono<TransferVerificationView> get(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@PathVariable String id) {
		return this.transfers.find(parseId(id), signed.merchantId())
			.switchIfEmpty(Mono.error(TransferController::notFound));
	}

	@PostMapping("/{id}/cancel")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<TransferVerificationView> cancel(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@PathVariable String id) {
		return this.transfers.cancel(signed, parseId(id))
			.switchIfEmpty(Mono.error(TransferController::notFound))
			.flatMap((cancellation) -> cancellation.requested() ? Mono.just(cancellation.transfer())
					: Mono.error(new ApiProblem(HttpStatus.CONFLICT, "verification-not-pending", "Not pending",
							"the transfer is " + cancellation.transfer().status().wireName() + ", no longer pending")));
	}

	/**
	 * The signed evidence file; verify it with the bank's public key
	 * (transfer-consent-service README).
	 */
	@GetMapping("/{id}/evidence")
	Mono<ResponseEntity<String>> evidence(@RequestAttribute(SignedRequest.ATTRIBUTE) SignedRequest signed,
			@PathVariable String id) {
		return this.transfers.evidence(parseId(id), signed.merchantId())
			.switchIfEmpty(Mono.error(TransferController::notFound))
			.flatMap(
					(evidence) -> evidence
						.map((file) -> Mono.just(ResponseEntity.ok()
							.header(HttpHeaders.CONTENT_DISPOSITION,
									"attachment; filename=\"evidence-" + id + ".json\"")
							.contentType(MediaType.APPLICATION_JSON)
							.body(file)))
						.orElseGet(() -> Mono
							.error(new ApiProblem(HttpStatus.CONFLICT, "evidence-not-ready", "No evidence yet",
									"the transfer has not ended yet, or was refused before it started"))));
	}

	private static VerificationId parseId(String id) {
		try {
			return new VerificationId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw notFound();
		}
	}

	private static ApiProblem notFound() {
		return ApiProblem.notFound("no transfer with this id");
	}

}
