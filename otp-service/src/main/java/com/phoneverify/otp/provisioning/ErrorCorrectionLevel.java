package com.phoneverify.otp.provisioning;

/**
 * How many codewords a symbol spends on Reed-Solomon error correction, from about 7 % of
 * the symbol recoverable ({@link #L}) to about 30 % ({@link #H}).
 */
public enum ErrorCorrectionLevel {

	/** About 7 % recoverable. */
	L(0b01),

	/** About 15 % recoverable: the usual choice for a phone camera and a screen. */
	M(0b00),

	/** About 25 % recoverable. */
	Q(0b11),

	/** About 30 % recoverable. */
	H(0b10);

	private final int formatBits;

	ErrorCorrectionLevel(int formatBits) {
		this.formatBits = formatBits;
	}

	/**
	 * The two bits that name this level in the format information (ISO/IEC 18004:2015
	 * §7.9.1, Table 12): they are not in L, M, Q, H order.
	 * @return the level indicator
	 */
	int formatBits() {
		return this.formatBits;
	}

}
