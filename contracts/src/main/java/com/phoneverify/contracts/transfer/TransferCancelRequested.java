package com.phoneverify.contracts.transfer;

import java.util.Objects;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;

/**
 * The merchant asked to cancel a 2-WAY transfer that waits for consent: the payload on
 * topic {@code transfer-cancel-requested} (key: the verification id; schema
 * {@code transfer-cancel-requested.v1.json}). A transfer that has already ended is not
 * changed; its {@code transfer-completed} stands.
 */
public record TransferCancelRequested(VerificationId verificationId, MerchantId merchantId) {

	public static final String TYPE = "transfer-cancel-requested";

	public static final int VERSION = 1;

	public static final EventType<TransferCancelRequested> EVENT_TYPE = new EventType<>(TYPE, VERSION,
			TransferCancelRequested.class);

	public TransferCancelRequested {
		Objects.requireNonNull(verificationId, "verificationId");
		Objects.requireNonNull(merchantId, "merchantId");
	}

}
