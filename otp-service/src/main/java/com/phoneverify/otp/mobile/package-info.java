/**
 * 모바일 OTP: issuance after the non-face-to-face identity check to domestic individuals
 * only, one smartphone per person (a new device revokes the old after confirmation),
 * valid 3 years, provisioned by {@code otpauth://} URI; cancellation.
 */
@NullMarked
package com.phoneverify.otp.mobile;

import org.jspecify.annotations.NullMarked;
