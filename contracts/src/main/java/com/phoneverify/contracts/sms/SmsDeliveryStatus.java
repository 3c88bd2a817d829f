package com.phoneverify.contracts.sms;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an outbound message is. {@link #QUEUED} and {@link #SUBMITTED} may be followed by
 * another status; {@link #DELIVERED}, {@link #FAILED} and {@link #EXPIRED} are final.
 */
public enum SmsDeliveryStatus {

	/** The relay accepted the request and waits for an SMSC session or a send slot. */
	@JsonProperty("queued")
	QUEUED,
	/** The SMSC accepted the message (submit_sm_resp OK); a delivery receipt follows. */
	@JsonProperty("submitted")
	SUBMITTED,
	/** The handset received it (delivery receipt DELIVRD). */
	@JsonProperty("delivered")
	DELIVERED,
	/** The SMSC refused it or reported it undeliverable; {@code errorCode} says why. */
	@JsonProperty("failed")
	FAILED,
	/**
	 * Not delivered before the request's expiry (never sent, or the receipt said
	 * EXPIRED).
	 */
	@JsonProperty("expired")
	EXPIRED;

	public boolean isFinal() {
		return this == DELIVERED || this == FAILED || this == EXPIRED;
	}

}
