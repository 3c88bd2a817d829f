package com.phoneverify.contracts.verification;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The four proofs of the suite; ARS and 2-WAY transfers exist so far. */
public enum Product {

	@JsonProperty("ars")
	ARS,
	/** A 2-WAY transfer: money moves once the recipient consents by SMS reply. */
	@JsonProperty("transfer")
	TRANSFER

}
