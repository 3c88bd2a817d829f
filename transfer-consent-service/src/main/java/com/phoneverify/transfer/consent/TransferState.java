package com.phoneverify.transfer.consent;

/**
 * Where a transfer is. Every state but {@link #AWAITING_OTP} and
 * {@link #AWAITING_CONSENT} is final.
 */
public enum TransferState {

	/**
	 * The remitter's OTP is being verified by otp-service: nothing held, no consent SMS
	 * yet.
	 */
	AWAITING_OTP,
	/** Funds held, the consent SMS sent, waiting for the recipient's reply. */
	AWAITING_CONSENT,
	/** The money reached the recipient. */
	EXECUTED,
	/** The recipient refused; the hold was released. */
	DECLINED,
	/** No valid reply (or no OTP answer) within the expiry; any hold was released. */
	EXPIRED,
	/**
	 * Too many wrong codes, the consent SMS could not be delivered, or the OTP was not
	 * verified; any hold was released.
	 */
	FAILED,
	/** The remitter withdrew it before the recipient answered; any hold was released. */
	CANCELED;

	public boolean isFinal() {
		return this != AWAITING_CONSENT && this != AWAITING_OTP;
	}

	/** Whether money of this transfer is held in escrow while it is in this state. */
	public boolean holdsFunds() {
		return this == AWAITING_CONSENT;
	}

}
