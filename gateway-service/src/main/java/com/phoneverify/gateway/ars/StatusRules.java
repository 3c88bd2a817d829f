package com.phoneverify.gateway.ars;

import java.util.Objects;
import java.util.Optional;

import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.verification.Transition;
import org.jspecify.annotations.Nullable;

/** What a finished call means for a pending verification. */
final class StatusRules {

	private StatusRules() {
	}

	/**
	 * The final status a call result leads to, or empty when the verification stays
	 * pending (A and B after the code was read out: the merchant confirms next) or the
	 * call says nothing new (canceled: the verification is final already).
	 */
	static Optional<Transition> afterCall(ArsScenario scenario, CallOutcome outcome, @Nullable ScenarioResult result) {
		return Optional.ofNullable(switch (outcome) {
			case ANSWERED -> afterAnswer(scenario, Objects.requireNonNull(result, "an answered call has a result"));
			case BUSY -> failed(StatusReason.BUSY);
			case NO_ANSWER -> failed(StatusReason.NO_ANSWER);
			case REJECTED -> failed(StatusReason.REJECTED);
			case BAD_NUMBER -> failed(StatusReason.BAD_NUMBER);
			case TRUNK_FAILURE -> failed(StatusReason.TRUNK_FAILURE);
			case TRANSPORT_ERROR -> failed(StatusReason.TRANSPORT_ERROR);
			case CANCELED -> null;
		});
	}

	/**
	 * Whether the call read the code out to the customer, which {@code /confirm} of A and
	 * B waits for: {@code code_delivered}, or {@code verified} (the script went past the
	 * code; A and B stay pending on it). No call yet, an unanswered call or any other
	 * result (hung up before the end, no or wrong input) is not a delivery.
	 */
	static boolean codeDelivered(@Nullable CallSummary call) {
		if (call == null || call.scenarioResult() == null) {
			return false;
		}
		return switch (call.scenarioResult()) {
			case "code_delivered", "verified" -> true;
			default -> false;
		};
	}

	private static @Nullable Transition afterAnswer(ArsScenario scenario, ScenarioResult result) {
		return switch (result) {
			// A and B: the merchant confirms next; C never reports a delivered code, so
			// it waits
			case CODE_DELIVERED -> null;
			case VERIFIED -> scenario.codeIsReadOut() ? null : Transition.to(VerificationStatus.APPROVED);
			case WRONG_INPUT -> new Transition(VerificationStatus.DENIED, StatusReason.WRONG_INPUT);
			case NO_INPUT -> failed(StatusReason.NO_INPUT);
			case HUNG_UP -> failed(StatusReason.HUNG_UP);
			// E (consent) is never asked for here: transfer-consent-service's
			// ARS fallback uses it, and its calls name no verification of ours
			case AGREED, REFUSED -> null;
		};
	}

	private static Transition failed(StatusReason reason) {
		return new Transition(VerificationStatus.FAILED, reason);
	}

}
