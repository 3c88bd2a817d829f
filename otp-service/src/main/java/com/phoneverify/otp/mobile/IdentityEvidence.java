package com.phoneverify.otp.mobile;

import org.jspecify.annotations.Nullable;

/**
 * The non-face-to-face identity check of the seed (비대면 본인확인): our account authenticated,
 * the phone's holder verified, and a second factor: a 1-won transfer to another
 * institution's account whose memo code the customer read back, or a code of the
 * customer's registered hardware OTP (checked here), or the security card.
 *
 * @param accountAuthenticated 당사 계좌인증 done by the channel
 * @param phoneVerified 휴대폰 본인인증: set by the gateway, never by the merchant, when the
 * merchant named an ARS verification of the suite, approved recently for the same number
 * (gateway-service's {@code PhoneIdentityCheck})
 * @param secondFactor how the second factor was given
 * @param hardwareOtpCode the hardware OTP code when {@code secondFactor} is
 * {@link SecondFactor#HARDWARE_OTP}
 */
public record IdentityEvidence(boolean accountAuthenticated, boolean phoneVerified, SecondFactor secondFactor,
		@Nullable String hardwareOtpCode) {

	/** The second factor of the non-face-to-face check. */
	public enum SecondFactor {

		/** 타 금융기관 1원 이체: confirmed by the channel. */
		ONE_WON_TRANSFER,
		/** 실물OTP: a code of the customer's registered hardware OTP, verified here. */
		HARDWARE_OTP,
		/** 보안카드: confirmed by the channel. */
		SECURITY_CARD,
		/** None: only at a branch, where identity is checked in person. */
		IN_PERSON

	}

}
