package com.phoneverify.contracts.verification;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The four proofs of the suite; only ARS exists so far. */
public enum Product {

	@JsonProperty("ars")
	ARS

}
