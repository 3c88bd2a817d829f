package com.phoneverify.gateway.transfer;

import java.time.Instant;
import java.time.LocalDate;

import com.phoneverify.contracts.transfer.TransferOutcome;
import com.phoneverify.contracts.transfer.TransferPurpose;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway keeps of a transfer besides the shared verification: numbers masked
 * only, and how transfer-consent-service ended it.
 *
 * @param outcome null until {@code transfer-completed} arrives
 * @param evidence the signed evidence file, once there is one
 */
public record TransferDetails(long amount, String toBank, String fromAccountMasked, String toAccountMasked,
		@Nullable String recipientPhoneMasked, @Nullable TransferPurpose purpose, @Nullable LocalDate repaymentDate,
		@Nullable Instant cancelRequestedAt, @Nullable TransferOutcome outcome, @Nullable String outcomeReason,
		@Nullable String evidence, @Nullable Instant completedAt) {
}
