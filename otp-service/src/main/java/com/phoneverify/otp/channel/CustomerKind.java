package com.phoneverify.otp.channel;

/** Who the customer is, as the institution's customer master says. */
public enum CustomerKind {

	/** 내국인 개인. */
	DOMESTIC_INDIVIDUAL,

	/** 외국인 개인. */
	FOREIGN_INDIVIDUAL,

	/** 법인. */
	CORPORATION

}
