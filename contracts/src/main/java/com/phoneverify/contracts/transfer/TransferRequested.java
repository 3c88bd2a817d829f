package com.phoneverify.contracts.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.sealed.SealedValue;
import org.jspecify.annotations.Nullable;

/**
 * A merchant (a bank channel) asked the gateway for a 2-WAY transfer: the payload on
 * topic {@code transfer-requested} (key: the verification id, which is also the transfer
 * id; schema {@code transfer-requested.v1.json}). Account numbers, the password, the
 * recipient's phone and the terms are sealed with associated data
 * {@code <verificationId>/<field>}. transfer-consent-service answers with exactly one
 * {@code transfer-completed}.
 *
 * @param amount in won, positive
 * @param toBank the receiving bank's code
 * @param fromAccount the remitting account, sealed ({@code fromAccount})
 * @param password the remitting account's password, sealed ({@code password})
 * @param toAccount the receiving account, sealed ({@code toAccount})
 * @param recipientPhone the recipient's E.164 number, sealed ({@code recipientPhone});
 * null for a normal transfer
 * @param purpose mutual consent only
 * @param repaymentDate a loan's repayment date
 * @param conditions the terms in words, sealed ({@code conditions}), or null
 * @param acceptCloseMatch the remitter accepts a close match of the recipient's name
 * @param expiresAt when the recipient's consent lapses
 * @param otp the remitter's OTP (sealed), for transfers the bank requires it for; null
 * otherwise
 */
public record TransferRequested(VerificationId verificationId, MerchantId merchantId, TransferMode mode, long amount,
		String toBank, SealedValue fromAccount, SealedValue password, SealedValue toAccount,
		@Nullable SealedValue recipientPhone, @Nullable TransferPurpose purpose, @Nullable LocalDate repaymentDate,
		@Nullable SealedValue conditions, boolean acceptCloseMatch, Instant expiresAt, @Nullable TransferOtp otp) {

	public static final String TYPE = "transfer-requested";

	public static final int VERSION = 1;

	public static final EventType<TransferRequested> EVENT_TYPE = new EventType<>(TYPE, VERSION,
			TransferRequested.class);

	public TransferRequested {
		Objects.requireNonNull(verificationId, "verificationId");
		Objects.requireNonNull(merchantId, "merchantId");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(toBank, "toBank");
		Objects.requireNonNull(fromAccount, "fromAccount");
		Objects.requireNonNull(password, "password");
		Objects.requireNonNull(toAccount, "toAccount");
		Objects.requireNonNull(expiresAt, "expiresAt");
		if (amount <= 0) {
			throw new IllegalArgumentException("amount must be positive");
		}
	}

	/** Associated data that binds a sealed field to this request. */
	public static String sealingContext(VerificationId id, String field) {
		return id + "/" + field;
	}

}
