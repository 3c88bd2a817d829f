package com.phoneverify.gateway.verification;

/**
 * The body of {@code POST /v1/ars-verifications}, as sent; {@link NewArsVerification}
 * validates it. Unknown fields are refused.
 *
 * @param type A, B or C
 * @param phone a Korean number, domestic or E.164
 * @param codeLength 4-8 (default 6)
 * @param expiresInSeconds lifetime (default 180)
 * @param callbackUrl optional https URL for the signed webhook
 */
record CreateArsVerificationRequest(String type, String phone, Integer codeLength, Integer expiresInSeconds,
		String callbackUrl) {
}
