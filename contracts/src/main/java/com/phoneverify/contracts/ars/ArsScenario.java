package com.phoneverify.contracts.ars;

/**
 * The ARS call scripts of the ARS brochure the product is based on (docs/design.md). A
 * reads a code out; B asks the customer to press a random key, then reads the code; C
 * asks the customer to type the code shown on the merchant's screen. D (registered
 * password), E (consent with recording) and F (merchant-defined) come later.
 */
public enum ArsScenario {

	A, B, C;

	/** Whether the merchant confirms the code the customer heard ({@code /confirm}). */
	public boolean codeIsReadOut() {
		return this != C;
	}

}
