package com.phoneverify.gateway.webhook;

import java.time.Instant;

import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of a webhook: the verification's final status. No phone number, no code.
 *
 * @param id the verification id
 * @param eventId the {@code verification-outcomes} event id, also in {@code PV-Event-Id};
 * deduplicate by it
 * @param type the ARS scenario (A, B, C)
 * @param reason why it was denied or failed; null otherwise
 */
record WebhookPayload(String id, String eventId, String merchantId, Product product, String type,
		VerificationStatus status, @Nullable StatusReason reason, Instant occurredAt) {
}
