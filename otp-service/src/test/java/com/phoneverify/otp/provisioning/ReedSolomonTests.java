package com.phoneverify.otp.provisioning;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error correction codewords of published examples.
 */
class ReedSolomonTests {

	@Test
	void isoAnnexIExampleVersion1M() {
		// ISO/IEC 18004:2015 Annex I: "01234567" in numeric mode, 1-M
		byte[] data = bytes(16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17);
		assertThat(ReedSolomon.errorCorrection(data, 10))
			.isEqualTo(bytes(165, 36, 212, 193, 237, 54, 199, 135, 44, 85));
	}

	@Test
	void thonkyHelloWorldVersion1M() {
		// "HELLO WORLD" in alphanumeric mode, 1-M, from Thonky's QR code tutorial
		byte[] data = bytes(32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17);
		assertThat(ReedSolomon.errorCorrection(data, 10))
			.isEqualTo(bytes(196, 35, 39, 119, 235, 215, 231, 226, 93, 23));
	}

	@Test
	void generatorOfDegreeSevenIsTheOneAnnexAPrints() {
		// Annex A: x^7 + α^87 x^6 + α^229 x^5 + α^146 x^4 + α^149 x^3 + α^238 x^2 + α^102
		// x + α^21
		int[] exponents = { 87, 229, 146, 149, 238, 102, 21 };
		int[] expected = new int[7];
		for (int i = 0; i < 7; i++) {
			expected[i] = GaloisField.exp(exponents[i]);
		}
		assertThat(ReedSolomon.generator(7)).containsExactly(expected);
	}

	private static byte[] bytes(int... values) {
		byte[] result = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			result[i] = (byte) values[i];
		}
		return result;
	}

}
