package com.phoneverify.transfer.consent;

/** Where a transfer is. Every state but {@link #AWAITING_CONSENT} is final. */
public enum TransferState {

	/** Funds held, the consent SMS sent, waiting for the recipient's reply. */
	AWAITING_CONSENT,
	/** The money reached the recipient. */
	EXECUTED,
	/** The recipient refused; the hold was released. */
	DECLINED,
	/** No valid reply within the expiry; the hold was released. */
	EXPIRED,
	/** Too many wrong codes, or the consent SMS could not be delivered; released. */
	FAILED,
	/** The remitter withdrew it before the recipient answered; released. */
	CANCELED;

	public boolean isFinal() {
		return this != AWAITING_CONSENT;
	}

}
