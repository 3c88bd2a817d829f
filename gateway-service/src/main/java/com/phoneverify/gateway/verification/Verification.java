package com.phoneverify.gateway.verification;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.jspecify.annotations.Nullable;

/**
 * One verification of any product, as every product shares it: who asked, in which
 * status, until when, and where to tell the merchant. A product keeps its own details (an
 * ARS call, a card check) in its own table, keyed by the same id.
 *
 * @param kind the product's own variant, as merchants name it (the ARS scenario A, B or
 * C); the {@code type} of the webhook
 * @param reason why it was denied or failed; null otherwise
 * @param traceparent the W3C trace context of the creating request, carried by the
 * verification's events
 */
public record Verification(VerificationId id, MerchantId merchantId, Product product, String kind,
		VerificationStatus status, @Nullable StatusReason reason, @Nullable String callbackUrl, Instant expiresAt,
		Instant createdAt, Instant updatedAt, @Nullable String traceparent) {

	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	public Verification finished(Transition transition, Instant now) {
		return new Verification(this.id, this.merchantId, this.product, this.kind, transition.status(),
				transition.reason(), this.callbackUrl, this.expiresAt, this.createdAt, now, this.traceparent);
	}

}
