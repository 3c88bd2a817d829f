package com.phoneverify.contracts.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a mutual-consent transfer is for. */
public enum TransferPurpose {

	/** 대여금: a loan, with a repayment date. */
	@JsonProperty("loan")
	LOAN,
	/** 계약. */
	@JsonProperty("contract")
	CONTRACT,
	/** 개인 거래. */
	@JsonProperty("trade")
	TRADE

}
