package com.phoneverify.otp.provisioning;

/**
 * The error correction codewords of one block: the remainder of the data polynomial times
 * x^n divided by the generator polynomial (x - α^0)(x - α^1)…(x - α^(n-1)) (ISO/IEC
 * 18004:2015 §7.5.2; the generators are listed in its Annex A).
 */
final class ReedSolomon {

	private ReedSolomon() {
	}

	/**
	 * @param data the data codewords of the block
	 * @param eccLength how many error correction codewords the block carries
	 * @return the error correction codewords, highest degree first
	 */
	static byte[] errorCorrection(byte[] data, int eccLength) {
		int[] generator = generator(eccLength);
		int[] remainder = new int[eccLength];
		for (byte codeword : data) {
			int factor = (codeword & 0xFF) ^ remainder[0];
			System.arraycopy(remainder, 1, remainder, 0, eccLength - 1);
			remainder[eccLength - 1] = 0;
			for (int i = 0; i < eccLength; i++) {
				remainder[i] ^= GaloisField.multiply(generator[i], factor);
			}
		}
		byte[] result = new byte[eccLength];
		for (int i = 0; i < eccLength; i++) {
			result[i] = (byte) remainder[i];
		}
		return result;
	}

	/**
	 * The generator's coefficients below its leading 1, highest degree first.
	 */
	static int[] generator(int degree) {
		int[] coefficients = new int[degree];
		coefficients[degree - 1] = 1;
		for (int root = 0; root < degree; root++) {
			// multiply by (x - α^root); minus is plus in GF(2^8)
			for (int i = 0; i < degree; i++) {
				coefficients[i] = GaloisField.multiply(coefficients[i], GaloisField.exp(root));
				if (i + 1 < degree) {
					coefficients[i] ^= coefficients[i + 1];
				}
			}
		}
		return coefficients;
	}

}
