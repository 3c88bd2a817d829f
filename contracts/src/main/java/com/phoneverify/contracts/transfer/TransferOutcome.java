package com.phoneverify.contracts.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a 2-WAY transfer ended. */
public enum TransferOutcome {

	/** The money reached the recipient. */
	@JsonProperty("executed")
	EXECUTED,
	/** The recipient refused; the hold was released. */
	@JsonProperty("declined")
	DECLINED,
	/** No valid reply in time; the hold was released. */
	@JsonProperty("expired")
	EXPIRED,
	/** Too many wrong codes, or the consent SMS was undeliverable; released. */
	@JsonProperty("failed")
	FAILED,
	/** Canceled before the recipient answered; released. */
	@JsonProperty("canceled")
	CANCELED,
	/** Never started: the request was refused (nothing was held). */
	@JsonProperty("refused")
	REFUSED

}
