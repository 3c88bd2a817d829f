package com.phoneverify.gateway.ars;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.gateway.verification.Transition;
import com.phoneverify.gateway.verification.Verification;
import org.jspecify.annotations.Nullable;

/**
 * One ARS verification as stored. Immutable: decisions return what should change, and the
 * service writes it.
 *
 * @param codeHash HMAC of the code under the server pepper, never the code
 * @param call null until {@code call-completed} arrived
 * @param traceparent the W3C trace context of the creating request, carried by the
 * verification's events; null for verifications stored before it was kept
 */
public record ArsVerification(VerificationId id, MerchantId merchantId, ArsScenario scenario, VerificationStatus status,
		@Nullable StatusReason reason, String phoneMasked, byte[] codeHash, int codeLength, int attemptsUsed,
		@Nullable String callbackUrl, Instant expiresAt, Instant createdAt, Instant updatedAt,
		@Nullable CallSummary call, @Nullable String traceparent) {

	/** What {@code /confirm} does with a code that matches or not. */
	public enum ConfirmDecision {

		APPROVE, WRONG_CODE, MAX_ATTEMPTS_REACHED, EXPIRE, NOT_PENDING, NOT_CONFIRMABLE,
		/**
		 * The call has not (yet) delivered the code: nothing to confirm, no attempt used.
		 */
		NOT_DELIVERED,
		/**
		 * The merchant used its budget of wrong codes: the code is not checked, no
		 * attempt used.
		 */
		BUDGET_EXHAUSTED

	}

	/** What every product shares of it (product ARS, kind = the scenario). */
	Verification common() {
		return new Verification(this.id, this.merchantId, Product.ARS, this.scenario.name(), this.status, this.reason,
				this.callbackUrl, this.expiresAt, this.createdAt, this.updatedAt, this.traceparent);
	}

	boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	/**
	 * Why a confirmation is refused before its code is looked at, or null when the code
	 * decides: only A and B are confirmed this way, only while pending and before the
	 * expiry, and only once the call delivered the code (so a code cannot be guessed
	 * before anyone heard it).
	 */
	@Nullable ConfirmDecision refusal(Instant now) {
		if (!this.scenario.codeIsReadOut()) {
			return ConfirmDecision.NOT_CONFIRMABLE;
		}
		if (this.status.isFinal()) {
			return ConfirmDecision.NOT_PENDING;
		}
		if (isExpiredAt(now)) {
			return ConfirmDecision.EXPIRE;
		}
		if (!StatusRules.codeDelivered(this.call)) {
			return ConfirmDecision.NOT_DELIVERED;
		}
		return null;
	}

	/**
	 * Decides a confirmation. A wrong code uses an attempt; the one that uses the last of
	 * {@code maxAttempts} ends the verification. Refusals ({@link #refusal}) come first.
	 */
	ConfirmDecision confirm(boolean codeMatches, Instant now, int maxAttempts) {
		ConfirmDecision refusal = refusal(now);
		if (refusal != null) {
			return refusal;
		}
		if (codeMatches) {
			return ConfirmDecision.APPROVE;
		}
		return (this.attemptsUsed + 1 >= maxAttempts) ? ConfirmDecision.MAX_ATTEMPTS_REACHED
				: ConfirmDecision.WRONG_CODE;
	}

	/** Attempts left on {@code /confirm}; null for C, which is not confirmed that way. */
	@Nullable Integer attemptsRemaining(int maxAttempts) {
		return this.scenario.codeIsReadOut() ? Math.max(0, maxAttempts - this.attemptsUsed) : null;
	}

	ArsVerification finished(Transition transition, int attemptsUsed, Instant now) {
		return new ArsVerification(this.id, this.merchantId, this.scenario, transition.status(), transition.reason(),
				this.phoneMasked, this.codeHash, this.codeLength, attemptsUsed, this.callbackUrl, this.expiresAt,
				this.createdAt, now, this.call, this.traceparent);
	}

	ArsVerification withAttemptsUsed(int attemptsUsed, Instant now) {
		return new ArsVerification(this.id, this.merchantId, this.scenario, this.status, this.reason, this.phoneMasked,
				this.codeHash, this.codeLength, attemptsUsed, this.callbackUrl, this.expiresAt, this.createdAt, now,
				this.call, this.traceparent);
	}

	ArsVerification withCall(CallSummary call, Instant now) {
		return new ArsVerification(this.id, this.merchantId, this.scenario, this.status, this.reason, this.phoneMasked,
				this.codeHash, this.codeLength, this.attemptsUsed, this.callbackUrl, this.expiresAt, this.createdAt,
				now, call, this.traceparent);
	}

}
