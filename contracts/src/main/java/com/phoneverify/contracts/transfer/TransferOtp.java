package com.phoneverify.contracts.transfer;

import java.util.Objects;

import com.phoneverify.contracts.otp.OtpTokenKind;
import com.phoneverify.contracts.sealed.SealedValue;
import org.jspecify.annotations.Nullable;

/**
 * The remitter's OTP in a {@link TransferRequested}: the code their token computed over
 * the recipient account and the amount (OCRA), for transfers the bank requires it for.
 * Every value sealed with associated data {@code <verificationId>/otp.<field>}.
 *
 * @param tokenKind the remitter's hardware or mobile OTP
 * @param realNameId the remitter's real-name id, sealed ({@code otp.realNameId})
 * @param code the code, sealed ({@code otp.code})
 * @param pin the mobile OTP's PIN, sealed ({@code otp.pin}); null for hardware
 */
public record TransferOtp(OtpTokenKind tokenKind, SealedValue realNameId, SealedValue code, @Nullable SealedValue pin) {

	public TransferOtp {
		Objects.requireNonNull(tokenKind, "tokenKind");
		Objects.requireNonNull(realNameId, "realNameId");
		Objects.requireNonNull(code, "code");
	}

}
