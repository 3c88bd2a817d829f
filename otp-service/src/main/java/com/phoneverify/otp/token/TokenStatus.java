package com.phoneverify.otp.token;

/** Where a token is in its lifecycle. */
public enum TokenStatus {

	/** Usable (unless locked by the error counter). */
	ACTIVE,
	/** An incident (loss) is open for the device. */
	LOST,
	/** Mobile OTP after the 5th consecutive PIN error: reissue only. */
	UNUSABLE,
	/** Mobile OTP replaced by one issued on another device. */
	REVOKED,
	/** Registration or mobile OTP cancelled. */
	CANCELED;

	/** Whether the token still counts as the customer's one OTP of its kind. */
	public boolean live() {
		return this == ACTIVE || this == LOST || this == UNUSABLE;
	}

}
