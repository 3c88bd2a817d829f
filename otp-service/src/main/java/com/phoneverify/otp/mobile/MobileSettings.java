package com.phoneverify.otp.mobile;

import java.time.Period;

import com.phoneverify.otp.token.CodeSettings;

/**
 * @param validity how long a mobile OTP is valid (3 years)
 * @param codes how its codes are computed (TOTP)
 * @param issuer the issuer label of the otpauth URI
 */
public record MobileSettings(Period validity, CodeSettings codes, String issuer) {
}
