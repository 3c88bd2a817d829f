package com.phoneverify.contracts.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a 2-WAY transfer is confirmed (seed 003). */
public enum TransferMode {

	/** An ordinary transfer, executed at once (for comparison). */
	@JsonProperty("normal")
	NORMAL,
	/** 보이스피싱 예방이체: the recipient confirms, warned of criminal liability. */
	@JsonProperty("phishing_guard")
	PHISHING_GUARD,
	/** 상호합의 이체: the recipient agrees to a purpose and its terms. */
	@JsonProperty("mutual_consent")
	MUTUAL_CONSENT

}
