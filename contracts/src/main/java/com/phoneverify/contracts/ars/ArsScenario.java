package com.phoneverify.contracts.ars;

/**
 * The ARS call scripts of the ARS brochure the product is based on (docs/design.md). A
 * reads a code out; B asks the customer to press a random key, then reads the code; C
 * asks the customer to type the code shown on the merchant's screen. E asks for consent:
 * the call plays a consent prompt and takes one key, 1 agrees and 2 refuses (for now
 * without recording; transfer-consent-service's ARS fallback uses it). D (registered
 * password) and F (merchant-defined) come later.
 */
public enum ArsScenario {

	A, B, C, E;

	/** Whether the merchant confirms the code the customer heard ({@code /confirm}). */
	public boolean codeIsReadOut() {
		return this == A || this == B;
	}

	/** Whether the call works with a code (A, B, C); E asks for a choice, not a code. */
	public boolean usesCode() {
		return this != E;
	}

}
