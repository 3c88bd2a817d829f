package com.phoneverify.gateway.ars;

import java.time.Instant;

import com.phoneverify.gateway.verification.Transition;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.ars.ArsVerification.ConfirmDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArsVerificationTests {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private static final CallSummary DELIVERED = new CallSummary("answered", "code_delivered", 200, 800L, 2500L, 9000,
			NOW.minusSeconds(5));

	@Test
	void rightCodeApproves() {
		assertThat(pending(ArsScenario.A, 0).confirm(true, NOW, 5)).isEqualTo(ConfirmDecision.APPROVE);
	}

	@Test
	void wrongCodeUsesAnAttempt() {
		ArsVerification verification = pending(ArsScenario.B, 3);
		assertThat(verification.confirm(false, NOW, 5)).isEqualTo(ConfirmDecision.WRONG_CODE);
		assertThat(verification.attemptsRemaining(5)).isEqualTo(2);
	}

	@Test
	void fifthWrongCodeReachesMaxAttempts() {
		assertThat(pending(ArsScenario.A, 4).confirm(false, NOW, 5)).isEqualTo(ConfirmDecision.MAX_ATTEMPTS_REACHED);
	}

	@Test
	void rightCodeOnTheLastAttemptStillApproves() {
		assertThat(pending(ArsScenario.A, 4).confirm(true, NOW, 5)).isEqualTo(ConfirmDecision.APPROVE);
	}

	@Test
	void typeCIsNotConfirmedByTheMerchant() {
		ArsVerification verification = pending(ArsScenario.C, 0);
		assertThat(verification.confirm(true, NOW, 5)).isEqualTo(ConfirmDecision.NOT_CONFIRMABLE);
		assertThat(verification.attemptsRemaining(5)).isNull();
	}

	@Test
	void finalVerificationIsNotPendingAnyMore() {
		ArsVerification approved = pending(ArsScenario.A, 1).finished(Transition.to(VerificationStatus.APPROVED), 2,
				NOW);
		assertThat(approved.confirm(true, NOW, 5)).isEqualTo(ConfirmDecision.NOT_PENDING);
	}

	@Test
	void nothingIsConfirmedBeforeTheCallDeliveredTheCode() {
		ArsVerification noCall = pending(ArsScenario.A, 0, null);
		assertThat(noCall.confirm(true, NOW, 5)).isEqualTo(ConfirmDecision.NOT_DELIVERED);
		for (String result : new String[] { "hung_up", "no_input", "wrong_input" }) {
			ArsVerification notHeard = pending(ArsScenario.B, 0)
				.withCall(new CallSummary("answered", result, 200, 800L, 2500L, 9000, NOW), NOW);
			assertThat(notHeard.confirm(true, NOW, 5)).as(result).isEqualTo(ConfirmDecision.NOT_DELIVERED);
		}
		ArsVerification busy = pending(ArsScenario.A, 0)
			.withCall(new CallSummary("busy", null, 486, 800L, null, 900, NOW), NOW);
		assertThat(busy.confirm(true, NOW, 5)).isEqualTo(ConfirmDecision.NOT_DELIVERED);
		ArsVerification verified = pending(ArsScenario.B, 0)
			.withCall(new CallSummary("answered", "verified", 200, 800L, 2500L, 9000, NOW), NOW);
		assertThat(verified.confirm(true, NOW, 5)).isEqualTo(ConfirmDecision.APPROVE);
		assertThat(noCall.confirm(true, NOW.plusSeconds(180), 5)).as("the expiry first")
			.isEqualTo(ConfirmDecision.EXPIRE);
	}

	@Test
	void confirmationAfterTheExpiryExpires() {
		assertThat(pending(ArsScenario.A, 0).confirm(true, NOW.plusSeconds(180), 5)).isEqualTo(ConfirmDecision.EXPIRE);
	}

	private static ArsVerification pending(ArsScenario scenario, int attemptsUsed) {
		return pending(scenario, attemptsUsed, DELIVERED);
	}

	private static ArsVerification pending(ArsScenario scenario, int attemptsUsed, CallSummary call) {
		return new ArsVerification(VerificationId.random(), MerchantId.of("shop-1"), scenario,
				VerificationStatus.PENDING, null, "+82 10-****-5678", new byte[32], 6, attemptsUsed, null,
				NOW.plusSeconds(180), NOW.minusSeconds(10), NOW.minusSeconds(10), call, null);
	}

}
