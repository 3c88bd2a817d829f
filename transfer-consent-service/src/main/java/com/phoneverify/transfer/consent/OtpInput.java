package com.phoneverify.transfer.consent;

import com.phoneverify.contracts.otp.OtpTokenKind;
import org.jspecify.annotations.Nullable;

/**
 * What the remitter gave to prove the transfer with an OTP: the OCRA code their token
 * computed over the recipient account and the amount. Never stored, never logged: it
 * leaves the service only sealed, to otp-service.
 *
 * @param realNameId the remitter's real-name id, by which otp-service finds the token
 * @param tokenKind the remitter's hardware or mobile OTP
 * @param code the code shown by the token
 * @param pin the mobile OTP's PIN; null for a hardware OTP
 */
public record OtpInput(String realNameId, OtpTokenKind tokenKind, String code, @Nullable String pin) {

	@Override
	public String toString() {
		return "OtpInput[" + this.tokenKind + "]";
	}

}
