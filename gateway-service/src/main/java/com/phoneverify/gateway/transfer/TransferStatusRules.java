package com.phoneverify.gateway.transfer;

import com.phoneverify.contracts.transfer.TransferOutcome;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.verification.Transition;
import org.jspecify.annotations.Nullable;

/** How a transfer's end reads in the one status vocabulary. */
final class TransferStatusRules {

	private TransferStatusRules() {
	}

	static Transition after(TransferOutcome outcome, @Nullable String reason) {
		return switch (outcome) {
			case EXECUTED -> Transition.to(VerificationStatus.APPROVED);
			case DECLINED -> Transition.to(VerificationStatus.DENIED);
			case EXPIRED -> Transition.to(VerificationStatus.EXPIRED);
			case CANCELED -> Transition.to(VerificationStatus.CANCELED);
			case FAILED -> failure(reason);
			case REFUSED -> new Transition(VerificationStatus.FAILED, refusal(reason));
		};
	}

	/**
	 * A transfer that started and failed: too many wrong codes, an undeliverable consent
	 * SMS, or the remitter's OTP not verified (otp_rejected, otp_refused_*; nothing was
	 * held) or the money gone by the time it was.
	 */
	private static Transition failure(@Nullable String reason) {
		if ("max_wrong_codes".equals(reason)) {
			return Transition.to(VerificationStatus.MAX_ATTEMPTS_REACHED);
		}
		if (reason != null && reason.startsWith("otp_")) {
			return new Transition(VerificationStatus.FAILED, StatusReason.AUTHENTICATION_FAILED);
		}
		if ("insufficient_funds".equals(reason)) {
			return new Transition(VerificationStatus.FAILED, StatusReason.INSUFFICIENT_FUNDS);
		}
		return new Transition(VerificationStatus.FAILED, StatusReason.UNDELIVERABLE);
	}

	private static StatusReason refusal(@Nullable String reason) {
		if (reason == null) {
			return StatusReason.INVALID_REQUEST;
		}
		return switch (reason) {
			case "insufficient_funds" -> StatusReason.INSUFFICIENT_FUNDS;
			case "unknown_account" -> StatusReason.UNKNOWN_ACCOUNT;
			case "wrong_password", "account_locked" -> StatusReason.AUTHENTICATION_FAILED;
			case "name_mismatch", "name_close_match" -> StatusReason.NAME_MISMATCH;
			case "name_check_unavailable" -> StatusReason.UNDELIVERABLE;
			default -> StatusReason.INVALID_REQUEST;
		};
	}

}
