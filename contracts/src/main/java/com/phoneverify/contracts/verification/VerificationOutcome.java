package com.phoneverify.contracts.verification;

import java.util.Objects;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import org.jspecify.annotations.Nullable;

/**
 * A verification reached a final status: the payload on topic
 * {@code verification-outcomes} (key: the verification id; schema
 * {@code verification-outcome.v2.json}). This is what merchants' internal consumers
 * subscribe to; the signed webhook carries the same fields.
 *
 * @param reason why it was denied or failed; null otherwise
 */
public record VerificationOutcome(VerificationId verificationId, MerchantId merchantId, Product product,
		VerificationStatus status, @Nullable StatusReason reason) {

	public static final String TYPE = "verification-outcome";

	public static final int VERSION = 2;

	public static final EventType<VerificationOutcome> EVENT_TYPE = new EventType<>(TYPE, VERSION,
			VerificationOutcome.class);

	public VerificationOutcome {
		Objects.requireNonNull(verificationId, "verificationId");
		Objects.requireNonNull(merchantId, "merchantId");
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(status, "status");
	}

}
