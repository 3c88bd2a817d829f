package com.phoneverify.transfer.consent;

/** How a transfer is confirmed (the paper's Table 4 counts transfers per mode). */
public enum TransferMode {

	/** An ordinary one-way transfer, for comparison: executed at once. */
	NORMAL,
	/**
	 * 보이스피싱 예방이체: the recipient confirms by reply, warned that a fraudulent recipient
	 * faces criminal liability.
	 */
	PHISHING_GUARD,
	/**
	 * 상호합의 이체: the recipient agrees to the purpose and its terms (a loan with its
	 * repayment date, a contract, a trade) by reply.
	 */
	MUTUAL_CONSENT;

	public boolean needsConsent() {
		return this != NORMAL;
	}

}
