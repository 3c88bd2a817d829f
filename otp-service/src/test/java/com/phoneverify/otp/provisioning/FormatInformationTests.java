package com.phoneverify.otp.provisioning;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BCH-coded words against the tables of ISO/IEC 18004:2015 Annex C and D.
 */
class FormatInformationTests {

	@ParameterizedTest(name = "{0}, mask {1}")
	@CsvSource({ "L, 0, 111011111000100", "L, 4, 110011000101111", "M, 0, 101010000010010", "M, 5, 100000011001110",
			"Q, 0, 011010101011111", "H, 0, 001011010001001", "H, 7, 000100000111011" })
	void formatBits(ErrorCorrectionLevel level, int mask, String expected) {
		assertThat(FormatInformation.formatBits(level, mask)).isEqualTo(Integer.parseInt(expected, 2));
	}

	@ParameterizedTest(name = "version {0}")
	@CsvSource({ "7, 000111110010010100", "8, 001000010110111100", "21, 010101011010000011", "40, 101000110001101001" })
	void versionBits(int version, String expected) {
		assertThat(FormatInformation.versionBits(version)).isEqualTo(Integer.parseInt(expected, 2));
	}

}
