package com.phoneverify.otp.channel;

/** One cell of the availability table. */
public enum Availability {

	/** O */
	ALLOWED,

	/** 법인만: only when the customer is a corporation (an agent acting for it). */
	CORPORATIONS_ONLY,

	/** X */
	REFUSED

}
