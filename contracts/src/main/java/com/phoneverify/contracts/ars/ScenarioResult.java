package com.phoneverify.contracts.ars;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How far an answered call's script got. Never carries the digits themselves. */
public enum ScenarioResult {

	/**
	 * A, B: the code was read out in full; the merchant confirms what the customer heard.
	 */
	@JsonProperty("code_delivered")
	CODE_DELIVERED,
	/** C: the customer typed the expected code. */
	@JsonProperty("verified")
	VERIFIED,
	/** E: the customer pressed the key that agrees (1). */
	@JsonProperty("agreed")
	AGREED,
	/** E: the customer pressed the key that refuses (2). */
	@JsonProperty("refused")
	REFUSED,
	/** B, C, E: the customer typed the wrong key or code on every try. */
	@JsonProperty("wrong_input")
	WRONG_INPUT,
	/** B, C, E: the customer typed nothing before the gather timed out, on every try. */
	@JsonProperty("no_input")
	NO_INPUT,
	/** The customer hung up before the script finished. */
	@JsonProperty("hung_up")
	HUNG_UP

}
