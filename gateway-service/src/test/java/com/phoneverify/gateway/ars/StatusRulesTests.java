package com.phoneverify.gateway.ars;

import com.phoneverify.gateway.verification.Transition;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRulesTests {

	@ParameterizedTest
	@EnumSource(value = ArsScenario.class, names = { "A", "B" })
	void codeDeliveredKeepsReadOutScenariosPendingForTheMerchantToConfirm(ArsScenario scenario) {
		assertThat(StatusRules.afterCall(scenario, CallOutcome.ANSWERED, ScenarioResult.CODE_DELIVERED)).isEmpty();
	}

	@Test
	void verifiedApprovesTypeC() {
		assertThat(StatusRules.afterCall(ArsScenario.C, CallOutcome.ANSWERED, ScenarioResult.VERIFIED))
			.contains(Transition.to(VerificationStatus.APPROVED));
	}

	@ParameterizedTest
	@CsvSource({ "WRONG_INPUT, DENIED, WRONG_INPUT", "NO_INPUT, FAILED, NO_INPUT", "HUNG_UP, FAILED, HUNG_UP" })
	void answeredCallsThatDidNotProveEndTheVerification(ScenarioResult result, VerificationStatus status,
			StatusReason reason) {
		assertThat(StatusRules.afterCall(ArsScenario.C, CallOutcome.ANSWERED, result))
			.contains(new Transition(status, reason));
	}

	@ParameterizedTest
	@CsvSource({ "BUSY, BUSY", "NO_ANSWER, NO_ANSWER", "REJECTED, REJECTED", "BAD_NUMBER, BAD_NUMBER",
			"TRUNK_FAILURE, TRUNK_FAILURE", "TRANSPORT_ERROR, TRANSPORT_ERROR" })
	void callsThatWereNotAnsweredFailWithTheirReason(CallOutcome outcome, StatusReason reason) {
		assertThat(StatusRules.afterCall(ArsScenario.A, outcome, null))
			.contains(new Transition(VerificationStatus.FAILED, reason));
	}

	@ParameterizedTest
	@EnumSource(value = ScenarioResult.class, names = { "AGREED", "REFUSED" })
	void consentResultsOfScenarioEChangeNothingHereForTheGatewayNeverAsksForE(ScenarioResult result) {
		assertThat(StatusRules.afterCall(ArsScenario.E, CallOutcome.ANSWERED, result)).isEmpty();
	}

	@Test
	void canceledCallsChangeNothing() {
		assertThat(StatusRules.afterCall(ArsScenario.B, CallOutcome.CANCELED, null)).isEmpty();
	}

}
