package com.phoneverify.otp.provisioning;

/**
 * Arithmetic in GF(2^8) with the QR Code's field polynomial x^8 + x^4 + x^3 + x^2 + 1
 * (0x11D, ISO/IEC 18004:2015 §7.5.2), through exponent and logarithm tables of the
 * primitive element α = 2. Addition is XOR, so only multiplication lives here.
 */
final class GaloisField {

	private static final int FIELD_POLYNOMIAL = 0x11D;

	private static final int[] EXP = new int[255];

	private static final int[] LOG = new int[256];

	static {
		int value = 1;
		for (int exponent = 0; exponent < 255; exponent++) {
			EXP[exponent] = value;
			LOG[value] = exponent;
			value <<= 1;
			if (value > 0xFF) {
				value ^= FIELD_POLYNOMIAL;
			}
		}
	}

	private GaloisField() {
	}

	/**
	 * @param exponent any non-negative exponent
	 * @return α to the power {@code exponent}
	 */
	static int exp(int exponent) {
		return EXP[exponent % 255];
	}

	/**
	 * @param a a field element (0 to 255)
	 * @param b a field element (0 to 255)
	 * @return their product
	 */
	static int multiply(int a, int b) {
		if (a == 0 || b == 0) {
			return 0;
		}
		return EXP[(LOG[a] + LOG[b]) % 255];
	}

}
