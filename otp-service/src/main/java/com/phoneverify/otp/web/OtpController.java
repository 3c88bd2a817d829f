package com.phoneverify.otp.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.phoneverify.otp.incident.Incidents;
import com.phoneverify.otp.inquiry.Inquiries;
import com.phoneverify.otp.mobile.MobileOtps;
import com.phoneverify.otp.provisioning.ErrorCorrectionLevel;
import com.phoneverify.otp.provisioning.QrCode;
import com.phoneverify.otp.provisioning.QrPng;
import com.phoneverify.otp.registration.HardwareRegistrations;
import com.phoneverify.otp.registry.DeviceId;
import com.phoneverify.otp.registry.DeviceStatus;
import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.CustomerKeys;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.OtpRefusal;
import com.phoneverify.otp.token.Token;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenVerification;
import com.phoneverify.otp.token.VerificationOutcome;
import com.phoneverify.otp.web.OtpRequests.CustomerRequest;
import com.phoneverify.otp.web.OtpRequests.HardwareRequest;
import com.phoneverify.otp.web.OtpRequests.InquiryRequest;
import com.phoneverify.otp.web.OtpRequests.MobileIssueRequest;
import com.phoneverify.otp.web.OtpRequests.ResyncRequest;
import com.phoneverify.otp.web.OtpRequests.TransferVerifyRequest;
import com.phoneverify.otp.web.OtpRequests.VerifyRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal API. Each customer is scoped by the merchant the gateway names in
 * {@value #MERCHANT_HEADER}. Thin: it checks presence of fields, hands over, and turns
 * outcomes into responses.
 */
@RestController
@RequestMapping(path = "/internal/otp", produces = MediaType.APPLICATION_JSON_VALUE)
class OtpController {

	/** The merchant (tenant) the gateway authenticated. */
	static final String MERCHANT_HEADER = "X-Merchant-Id";

	private final CustomerKeys customerKeys;

	private final HardwareRegistrations registrations;

	private final Incidents incidents;

	private final MobileOtps mobile;

	private final TokenVerification verification;

	private final Inquiries inquiries;

	OtpController(CustomerKeys customerKeys, HardwareRegistrations registrations, Incidents incidents,
			MobileOtps mobile, TokenVerification verification, Inquiries inquiries) {
		this.customerKeys = customerKeys;
		this.registrations = registrations;
		this.incidents = incidents;
		this.mobile = mobile;
		this.verification = verification;
		this.inquiries = inquiries;
	}

	/** A token as the API shows it: no secret, no PIN hash, no moving factor. */
	record TokenBody(UUID id, TokenKind kind, String device, String status, @Nullable Object warrantyFrom,
			@Nullable Object warrantyUntil, @Nullable Instant validUntil) {

		static TokenBody of(Token token) {
			return new TokenBody(token.id(), token.kind(), token.deviceLabel(), token.status().name(),
					token.warrantyFrom(), token.warrantyUntil(), token.validUntil());
		}

	}

	/**
	 * A mobile OTP just issued: the otpauth URI, and the same URI as a QR code for the
	 * authenticator app's camera ({@code data:image/png;base64,…}), are shown this once.
	 * Both hold the secret: never logged.
	 */
	record IssuedBody(TokenBody token, String otpauthUri, String qrCode, @Nullable UUID revokedTokenId) {

		static IssuedBody of(MobileOtps.Issued issued) {
			// level M: what authenticator apps are tested with; a 512-bit secret still
			// fits
			// version 10 or so, read easily from a screen
			String qrCode = QrPng.dataUri(QrCode.encode(issued.otpauthUri(), ErrorCorrectionLevel.M));
			return new IssuedBody(TokenBody.of(issued.token()), issued.otpauthUri(), qrCode, issued.revoked());
		}

		@Override
		public String toString() {
			return "IssuedBody[" + this.token + "]";
		}

	}

	/** A device's state at the registry after an incident or reset. */
	record DeviceBody(String device, Set<String> institutions, int sharedFailures, Set<String> lostAt) {

		static DeviceBody of(DeviceId device, DeviceStatus status) {
			return new DeviceBody(device.toString(), status.institutions(), status.failures(), status.lostAt());
		}

	}

	/** The answer to a verification whose code was checked. */
	record VerificationBody(String result, @Nullable UUID tokenId, @Nullable Integer consecutiveFailures,
			@Nullable Integer remainingAttempts) {
	}

	@PostMapping("/hardware-tokens")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<TokenBody> register(@RequestHeader(MERCHANT_HEADER) String merchant, @RequestBody HardwareRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			DeviceId device = device(fields, request.vendorCode(), request.serial());
			fields.require(request.customerKind(), "customerKind");
			Caller caller = fields.caller(merchant, request);
			return this.registrations.register(customer, request.customerKind(), device, request.responseCode(), caller)
				.map(TokenBody::of);
		});
	}

	@PostMapping("/hardware-tokens/cancel")
	Mono<TokenBody> cancel(@RequestHeader(MERCHANT_HEADER) String merchant, @RequestBody HardwareRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			DeviceId device = device(fields, request.vendorCode(), request.serial());
			fields.require(request.customerKind(), "customerKind");
			return this.registrations.cancel(customer, request.customerKind(), device, fields.caller(merchant, request))
				.map(TokenBody::of);
		});
	}

	@PostMapping("/hardware-tokens/report-lost")
	Mono<DeviceBody> reportLost(@RequestHeader(MERCHANT_HEADER) String merchant, @RequestBody HardwareRequest request) {
		return deviceOperation(merchant, request, (customer, device, caller) -> this.incidents.reportLost(customer,
				request.customerKind(), device, caller));
	}

	@PostMapping("/hardware-tokens/recover")
	Mono<DeviceBody> recover(@RequestHeader(MERCHANT_HEADER) String merchant, @RequestBody HardwareRequest request) {
		return deviceOperation(merchant, request,
				(customer, device, caller) -> this.incidents.recover(customer, request.customerKind(), device, caller));
	}

	@PostMapping("/hardware-tokens/reset-errors")
	Mono<DeviceBody> resetErrors(@RequestHeader(MERCHANT_HEADER) String merchant,
			@RequestBody HardwareRequest request) {
		return deviceOperation(merchant, request, (customer, device, caller) -> this.incidents.resetErrors(customer,
				request.customerKind(), device, caller));
	}

	@PostMapping("/security-cards")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> securityCard(@RequestHeader(MERCHANT_HEADER) String merchant, @RequestBody CustomerRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			fields.require(request.customerKind(), "customerKind");
			return this.registrations.useSecurityCard(customer, request.customerKind(),
					fields.caller(merchant, request));
		});
	}

	@PostMapping("/mobile-tokens")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<IssuedBody> issueMobile(@RequestHeader(MERCHANT_HEADER) String merchant,
			@RequestBody MobileIssueRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			fields.require(request.customerKind(), "customerKind");
			fields.require(request.deviceId(), "deviceId");
			fields.require(request.pin(), "pin");
			fields.require(request.evidence(), "evidence");
			Caller caller = fields.caller(merchant, request);
			return this.mobile
				.issue(customer, request.customerKind(), request.deviceId(), request.pin(), request.evidence(),
						Boolean.TRUE.equals(request.replaceExisting()), caller)
				// 3-5 ms of CPU for the QR code: off the event loop, like the PIN hash
				.flatMap((issued) -> Mono.fromCallable(() -> IssuedBody.of(issued))
					.subscribeOn(Schedulers.boundedElastic()));
		});
	}

	@PostMapping("/mobile-tokens/cancel")
	Mono<TokenBody> cancelMobile(@RequestHeader(MERCHANT_HEADER) String merchant,
			@RequestBody CustomerRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			fields.require(request.customerKind(), "customerKind");
			return this.mobile.cancel(customer, request.customerKind(), fields.caller(merchant, request))
				.map(TokenBody::of);
		});
	}

	@PostMapping("/mobile-tokens/reset-errors")
	Mono<TokenBody> resetMobileErrors(@RequestHeader(MERCHANT_HEADER) String merchant,
			@RequestBody CustomerRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			fields.require(request.customerKind(), "customerKind");
			return this.mobile.resetErrors(customer, request.customerKind(), fields.caller(merchant, request))
				.map(TokenBody::of);
		});
	}

	@PostMapping("/verifications")
	Mono<VerificationBody> verify(@RequestHeader(MERCHANT_HEADER) String merchant, @RequestBody VerifyRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			fields.require(request.code(), "code");
			Caller caller = fields.caller(merchant, request);
			TokenKind kind = (request.tokenKind() != null) ? request.tokenKind() : TokenKind.HARDWARE;
			return this.verification.verify(customer, kind, request.code(), request.pin(), caller)
				.map(OtpController::answer);
		});
	}

	@PostMapping("/resynchronisations")
	Mono<VerificationBody> resynchronise(@RequestHeader(MERCHANT_HEADER) String merchant,
			@RequestBody ResyncRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			fields.require(request.firstCode(), "firstCode");
			fields.require(request.secondCode(), "secondCode");
			Caller caller = fields.caller(merchant, request);
			return this.verification.resynchronise(customer, request.firstCode(), request.secondCode(), caller)
				.map(OtpController::answer);
		});
	}

	@PostMapping("/transfer-verifications")
	Mono<VerificationBody> verifyTransfer(@RequestHeader(MERCHANT_HEADER) String merchant,
			@RequestBody TransferVerifyRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			fields.require(request.recipientAccount(), "recipientAccount");
			fields.require(request.amount(), "amount");
			fields.require(request.code(), "code");
			Caller caller = fields.caller(merchant, request);
			TokenKind kind = (request.tokenKind() != null) ? request.tokenKind() : TokenKind.MOBILE;
			try {
				return this.verification
					.verifyTransfer(customer, kind, request.recipientAccount(), request.amount(), request.code(),
							request.pin(), caller)
					.map(OtpController::answer);
			}
			catch (IllegalArgumentException ex) {
				throw new OtpRefusal(OtpProblem.INVALID_REQUEST, ex.getMessage());
			}
		});
	}

	@PostMapping("/inquiries/customer-tokens")
	Mono<Inquiries.CustomerTokens> customerTokens(@RequestHeader(MERCHANT_HEADER) String merchant,
			@RequestBody InquiryRequest request) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			fields.check();
			return this.inquiries.tokensOf(customer);
		});
	}

	@GetMapping("/devices/{vendorCode}/{serial}/institutions")
	Mono<Set<String>> institutions(@RequestHeader(MERCHANT_HEADER) String merchant, @PathVariable String vendorCode,
			@PathVariable String serial) {
		return Mono.defer(() -> this.inquiries.institutionsOf(device(vendorCode, serial), merchant));
	}

	/** One line of a device's history, without the customer's key or the merchant. */
	record HistoryLine(Instant at, String actor, String channel, String operation, String outcome) {
	}

	@GetMapping("/devices/{vendorCode}/{serial}/history")
	Mono<List<HistoryLine>> history(@RequestHeader(MERCHANT_HEADER) String merchant, @PathVariable String vendorCode,
			@PathVariable String serial) {
		return Mono.defer(() -> this.inquiries.historyOf(device(vendorCode, serial), merchant)
			.map((entries) -> entries.stream()
				.map((e) -> new HistoryLine(e.at(), e.actor(), e.channel().name(), e.operation(), e.outcome()))
				.toList()));
	}

	@GetMapping("/devices/{vendorCode}/{serial}/errors")
	Mono<Inquiries.DeviceErrors> errors(@RequestHeader(MERCHANT_HEADER) String merchant,
			@PathVariable String vendorCode, @PathVariable String serial) {
		return Mono.defer(() -> this.inquiries.errorsOf(device(vendorCode, serial), merchant));
	}

	private interface DeviceOperation {

		Mono<DeviceStatus> run(String customer, DeviceId device, Caller caller);

	}

	private Mono<DeviceBody> deviceOperation(String merchant, HardwareRequest request, DeviceOperation operation) {
		return Mono.defer(() -> {
			Fields fields = new Fields();
			String customer = customer(fields, merchant, request.realNameId());
			DeviceId device = device(fields, request.vendorCode(), request.serial());
			fields.require(request.customerKind(), "customerKind");
			Caller caller = fields.caller(merchant, request);
			return operation.run(customer, device, caller).map((status) -> DeviceBody.of(device, status));
		});
	}

	private String customer(Fields fields, String merchant, @Nullable String realNameId) {
		String id = fields.require(realNameId, "realNameId");
		return (id != null) ? this.customerKeys.keyOf(merchant, id) : "";
	}

	private static @Nullable DeviceId device(Fields fields, @Nullable String vendorCode, @Nullable String serial) {
		String vendor = fields.require(vendorCode, "vendorCode");
		String number = fields.require(serial, "serial");
		return (vendor != null && number != null) ? device(vendor, number) : null;
	}

	private static DeviceId device(String vendorCode, String serial) {
		try {
			return new DeviceId(vendorCode, serial);
		}
		catch (IllegalArgumentException ex) {
			throw new OtpRefusal(OtpProblem.INVALID_REQUEST, ex.getMessage());
		}
	}

	private static VerificationBody answer(VerificationOutcome outcome) {
		if (outcome instanceof VerificationOutcome.Verified verified) {
			return new VerificationBody("verified", verified.tokenId(), 0, null);
		}
		if (outcome instanceof VerificationOutcome.Rejected rejected) {
			return new VerificationBody("rejected", null, rejected.failures(), rejected.remaining());
		}
		VerificationOutcome.Refused refused = (VerificationOutcome.Refused) outcome;
		throw new OtpRefusal(refused.problem(), refused.detail());
	}

}
