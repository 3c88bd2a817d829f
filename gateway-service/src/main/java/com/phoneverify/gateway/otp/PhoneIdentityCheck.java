package com.phoneverify.gateway.otp;

import java.time.Duration;
import java.util.List;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.gateway.ars.ArsVerificationService;
import com.phoneverify.gateway.ars.PhoneProof;
import com.phoneverify.gateway.web.ApiProblem;
import com.phoneverify.gateway.web.Problem;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The phone identity check (휴대폰 본인인증) of a mobile OTP issuance, composed from the suite's
 * own ARS verification (issue 15, item 4): otp-service takes
 * {@code evidence.phoneVerified} as a fact, and only the gateway states it, when
 * {@code evidence.phoneVerificationId} names an ARS verification of the same merchant,
 * approved at most {@link #MAX_AGE} ago, that called {@code evidence.phone}. A
 * {@code phoneVerified} sent by the merchant is overwritten, never forwarded.
 */
@Component
class PhoneIdentityCheck {

	/** How recent the approved verification must be. */
	static final Duration MAX_AGE = Duration.ofMinutes(30);

	private final ArsVerificationService ars;

	private final JsonMapper json;

	PhoneIdentityCheck(ArsVerificationService ars) {
		this.ars = ars;
		this.json = JsonMapper.builder().build();
	}

	/**
	 * The body to forward: {@code evidence.phoneVerified} set from the referenced
	 * verification, or the request refused (422) saying why it does not prove the phone.
	 */
	Mono<byte[]> apply(MerchantId merchant, byte[] body) {
		JsonNode request;
		try {
			request = this.json.readTree(body);
		}
		catch (RuntimeException ex) {
			// otp-service answers malformed JSON with its own problem
			return Mono.just(body);
		}
		if (!(request instanceof ObjectNode root) || !(root.get("evidence") instanceof ObjectNode evidence)) {
			return Mono.just(body);
		}
		// only the gateway states it (otp-service's field is a plain boolean)
		evidence.put("phoneVerified", false);
		JsonNode id = evidence.get("phoneVerificationId");
		if (id == null || id.isNull()) {
			return Mono.just(this.json.writeValueAsBytes(root));
		}
		VerificationId verification;
		PhoneNumber phone;
		try {
			verification = VerificationId.parse(id.asString());
		}
		catch (RuntimeException ex) {
			return Mono.error(invalid("evidence.phoneVerificationId", "not a verification id"));
		}
		try {
			phone = PhoneNumber.parse(evidence.path("phone").asString(null));
		}
		catch (RuntimeException ex) {
			return Mono.error(invalid("evidence.phone",
					"the phone number the verification called is needed with phoneVerificationId"));
		}
		return this.ars.proofOfPhone(merchant, verification, phone, MAX_AGE).flatMap((proof) -> {
			if (proof != PhoneProof.PROVEN) {
				return Mono.error(notProven(proof));
			}
			evidence.put("phoneVerified", true);
			evidence.remove("phone");
			return Mono.just(this.json.writeValueAsBytes(root));
		});
	}

	private static ApiProblem invalid(String field, String detail) {
		return ApiProblem.invalidRequest(List.of(new Problem.FieldProblem(field, detail)));
	}

	private static ApiProblem notProven(PhoneProof proof) {
		String detail = switch (proof) {
			case UNKNOWN -> "evidence.phoneVerificationId names no ARS verification of this merchant";
			case NOT_APPROVED -> "the ARS verification named by evidence.phoneVerificationId is not approved";
			case OTHER_PHONE -> "the ARS verification named by evidence.phoneVerificationId called another number "
					+ "than evidence.phone";
			case TOO_OLD -> "the ARS verification named by evidence.phoneVerificationId was approved more than "
					+ MAX_AGE.toMinutes() + " minutes ago: verify the phone again";
			case PROVEN -> throw new IllegalArgumentException("proven");
		};
		return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "phone-not-verified",
				"The phone identity check is not satisfied", detail);
	}

}
