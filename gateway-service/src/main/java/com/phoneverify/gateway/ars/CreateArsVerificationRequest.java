package com.phoneverify.gateway.ars;

import org.jspecify.annotations.Nullable;

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
public record CreateArsVerificationRequest(@Nullable String type, @Nullable String phone, @Nullable Integer codeLength,
		@Nullable Integer expiresInSeconds, @Nullable String callbackUrl) {
}
