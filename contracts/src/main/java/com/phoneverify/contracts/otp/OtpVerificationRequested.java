package com.phoneverify.contracts.otp;

import java.math.BigDecimal;
import java.util.Objects;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.sealed.SealedValue;
import org.jspecify.annotations.Nullable;

/**
 * A service asks otp-service to verify a customer's code: the payload on topic
 * {@code otp-verification-requested} (key: the request id; schema
 * {@code otp-verification-requested.v1.json}). Answered by exactly one
 * {@link OtpVerified} with the same request id.
 * <p>
 * With {@code recipientAccount} and {@code amount}, the code is an OCRA response (RFC
 * 6287) over the challenge derived from both, so a code for one recipient or amount fails
 * for any other; without them, a plain HOTP/TOTP code. Every personal field is sealed
 * with the events key ring, associated data {@code <requestId>/<field>}.
 *
 * @param requestId the request (and record key)
 * @param merchantId the merchant (institution) whose customer this is
 * @param realNameId the customer's real-name id (실명확인번호), sealed
 * @param tokenKind the customer's hardware or mobile OTP
 * @param code the code the customer typed, sealed
 * @param pin the mobile OTP PIN, sealed; null for hardware
 * @param recipientAccount the transfer's recipient account, sealed; null for a plain code
 * @param amount the transfer amount in won; null for a plain code
 * @param transferId the transfer this verification is for, if any (correlation only)
 */
public record OtpVerificationRequested(OtpRequestId requestId, MerchantId merchantId, SealedValue realNameId,
		OtpTokenKind tokenKind, SealedValue code, @Nullable SealedValue pin, @Nullable SealedValue recipientAccount,
		@Nullable BigDecimal amount, @Nullable TransferId transferId) {

	public static final String TYPE = "otp-verification-requested";

	public static final int VERSION = 1;

	public static final EventType<OtpVerificationRequested> EVENT_TYPE = new EventType<>(TYPE, VERSION,
			OtpVerificationRequested.class);

	public OtpVerificationRequested {
		Objects.requireNonNull(requestId, "requestId");
		Objects.requireNonNull(merchantId, "merchantId");
		Objects.requireNonNull(realNameId, "realNameId");
		Objects.requireNonNull(tokenKind, "tokenKind");
		Objects.requireNonNull(code, "code");
		if ((recipientAccount == null) != (amount == null)) {
			throw new IllegalArgumentException("a transfer code needs both recipientAccount and amount");
		}
		if (amount != null && amount.signum() <= 0) {
			throw new IllegalArgumentException("amount must be positive");
		}
	}

	/** Whether the code is bound to a transfer (OCRA) rather than a plain OTP. */
	public boolean transferBound() {
		return this.recipientAccount != null;
	}

	/** Associated data that binds a sealed field to this request. */
	public static String sealingContext(OtpRequestId id, String field) {
		return id + "/" + field;
	}

}
