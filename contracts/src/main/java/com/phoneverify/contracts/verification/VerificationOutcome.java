package com.phoneverify.contracts.verification;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.phoneverify.contracts.Event;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;

/**
 * A verification reached a final status (topic {@code verification-outcomes}, schema
 * {@code verification-outcome.v1.json}). This is what merchants' internal consumers
 * subscribe to; the signed webhook carries the same fields.
 *
 * @param reason why it was denied or failed; null otherwise
 */
public record VerificationOutcome(UUID eventId, String type, int schemaVersion, Instant occurredAt,
		@Nullable String traceparent, VerificationId verificationId, MerchantId merchantId, Product product,
		VerificationStatus status, @Nullable StatusReason reason) implements Event {

	public static final String TYPE = "verification-outcome";

	public static final int VERSION = 1;

	public VerificationOutcome {
		Event.checkHeader(eventId, type, schemaVersion, occurredAt, verificationId, merchantId, TYPE, VERSION);
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(status, "status");
	}

	public static VerificationOutcome of(VerificationId verificationId, MerchantId merchantId, Product product,
			VerificationStatus status, @Nullable StatusReason reason, Instant now, @Nullable String traceparent) {
		return new VerificationOutcome(UUID.randomUUID(), TYPE, VERSION, now, traceparent, verificationId, merchantId,
				product, status, reason);
	}

	@Override
	public String key() {
		return this.verificationId.toString();
	}

}
