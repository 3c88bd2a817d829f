package com.phoneverify.otp.provisioning;

/**
 * The two BCH-protected words a reader decodes before the data: format information (error
 * correction level and mask) and, from version 7, version information.
 */
final class FormatInformation {

	/**
	 * BCH(15,5) generator x^10 + x^8 + x^5 + x^4 + x^2 + x + 1 (ISO/IEC 18004:2015
	 * §7.9.1).
	 */
	private static final int FORMAT_GENERATOR = 0x537;

	/**
	 * XORed over the format word so that it is never all zero (ISO/IEC 18004:2015
	 * §7.9.1).
	 */
	private static final int FORMAT_MASK = 0x5412;

	/** BCH(18,6) generator x^12 + x^11 + x^10 + x^9 + x^8 + x^5 + x^2 + 1 (§7.10). */
	private static final int VERSION_GENERATOR = 0x1F25;

	private FormatInformation() {
	}

	/**
	 * @return the 15 format bits, bit 14 first in reading order (Annex C, Table C.1)
	 */
	static int formatBits(ErrorCorrectionLevel level, int mask) {
		int data = (level.formatBits() << 3) | mask;
		return ((data << 10) | bchRemainder(data, 10, FORMAT_GENERATOR)) ^ FORMAT_MASK;
	}

	/**
	 * @return the 18 version bits (Annex D, Table D.1), for versions 7 and up
	 */
	static int versionBits(int version) {
		return (version << 12) | bchRemainder(version, 12, VERSION_GENERATOR);
	}

	private static int bchRemainder(int data, int degree, int generator) {
		int remainder = data << degree;
		for (int bit = Integer.SIZE - 1 - Integer.numberOfLeadingZeros(remainder); bit >= degree; bit--) {
			if (((remainder >>> bit) & 1) != 0) {
				remainder ^= generator << (bit - degree);
			}
		}
		return remainder;
	}

}
