package com.phoneverify.gateway.transfer;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.phoneverify.contracts.transfer.TransferOutcome;
import com.phoneverify.contracts.transfer.TransferPurpose;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import com.phoneverify.gateway.verification.Verification;
import org.jspecify.annotations.Nullable;

/**
 * What a merchant sees of a transfer: the status in the one vocabulary, the numbers
 * masked, and whether the signed evidence can be downloaded.
 *
 * @param mode the transfer's mode, as requested
 * @param outcome how the bank ended it ({@code executed}, {@code declined}, …) and why
 * @param evidenceAvailable {@code GET /v1/transfers/{id}/evidence} serves the file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferVerificationView(String id, String mode, VerificationStatus status, @Nullable StatusReason reason,
		long amount, String currency, String toBank, String fromAccount, String toAccount,
		@Nullable String recipientPhone, @Nullable TransferPurpose purpose, @Nullable LocalDate repaymentDate,
		@Nullable TransferOutcome outcome, @Nullable String outcomeReason, boolean cancelRequested,
		boolean evidenceAvailable, Instant expiresAt, Instant createdAt, Instant updatedAt,
		@Nullable String callbackUrl) {

	static TransferVerificationView of(Verification v, TransferDetails d) {
		return new TransferVerificationView(v.id().toString(), v.kind(), v.status(), v.reason(), d.amount(), "KRW",
				d.toBank(), d.fromAccountMasked(), d.toAccountMasked(), d.recipientPhoneMasked(), d.purpose(),
				d.repaymentDate(), d.outcome(), d.outcomeReason(), d.cancelRequestedAt() != null, d.evidence() != null,
				v.expiresAt(), v.createdAt(), v.updatedAt(), v.callbackUrl());
	}

}
