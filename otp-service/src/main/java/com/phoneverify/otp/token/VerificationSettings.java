package com.phoneverify.otp.token;

import com.phoneverify.otp.algorithm.OcraSuite;

/**
 * The verification rules.
 *
 * @param lockThreshold consecutive failures that lock (10, the seed's 오류횟수 10회)
 * @param hotpLookAhead counters a HOTP code may be ahead of the expected one
 * @param hotpResyncWindow how far two consecutive HOTP codes are searched to
 * resynchronise
 * @param totpDrift time steps a TOTP token's clock may be off either way
 * @param transferSuite the OCRA suite of transfer codes (bound to account and amount)
 * @param ocraDrift time steps (or counters) an OCRA response may be off
 * @param pinAttempts consecutive mobile PIN failures that make the mobile OTP unusable
 * (5)
 */
public record VerificationSettings(int lockThreshold, int hotpLookAhead, int hotpResyncWindow, int totpDrift,
		OcraSuite transferSuite, int ocraDrift, int pinAttempts) {
}
