package com.phoneverify.otp.algorithm;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HotpTests {

	static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	// RFC 4226 Appendix D
	static final String[] RFC_CODES = { "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
			"399871", "520489" };

	@Test
	void generatesEveryRfc4226AppendixDValue() {
		for (int counter = 0; counter < RFC_CODES.length; counter++) {
			assertThat(Hotp.generate(RFC_SECRET, counter, 6, HmacAlgorithm.SHA1)).as("counter %d", counter)
				.isEqualTo(RFC_CODES[counter]);
		}
	}

	@Test
	void rfc4226AppendixDTruncatedValuesGiveEightDigitCodesToo() {
		// Appendix D lists the 31-bit values; counter 0 is 1284755224
		assertThat(Hotp.generate(RFC_SECRET, 0, 8, HmacAlgorithm.SHA1)).isEqualTo("84755224");
		assertThat(Hotp.generate(RFC_SECRET, 9, 8, HmacAlgorithm.SHA1)).isEqualTo("45520489");
	}

	@Test
	void acceptsACodeWithinTheLookAheadWindowAndReturnsItsCounter() {
		HotpVerifier verifier = HotpVerifier.standard();
		assertThat(verifier.verify(RFC_SECRET, 0, RFC_CODES[0])).hasValue(0);
		assertThat(verifier.verify(RFC_SECRET, 0, RFC_CODES[9])).hasValue(9);
	}

	@Test
	void refusesACodeBeyondTheLookAheadWindow() {
		HotpVerifier narrow = new HotpVerifier(6, HmacAlgorithm.SHA1, 3, 100);
		assertThat(narrow.verify(RFC_SECRET, 0, RFC_CODES[3])).hasValue(3);
		assertThat(narrow.verify(RFC_SECRET, 0, RFC_CODES[4])).isEmpty();
	}

	@Test
	void refusesACodeAlreadyUsedOrOlderThanTheLastUsed() {
		HotpVerifier verifier = HotpVerifier.standard();
		long next = verifier.verify(RFC_SECRET, 0, RFC_CODES[5]).getAsLong() + 1;
		assertThat(verifier.verify(RFC_SECRET, next, RFC_CODES[5])).as("replay").isEmpty();
		assertThat(verifier.verify(RFC_SECRET, next, RFC_CODES[2])).as("older").isEmpty();
		assertThat(verifier.verify(RFC_SECRET, next, RFC_CODES[6])).hasValue(6);
	}

	@Test
	void resynchronisesOnTwoConsecutiveCodesFarAhead() {
		HotpVerifier verifier = HotpVerifier.standard();
		String at50 = Hotp.generate(RFC_SECRET, 50, 6, HmacAlgorithm.SHA1);
		String at51 = Hotp.generate(RFC_SECRET, 51, 6, HmacAlgorithm.SHA1);
		assertThat(verifier.verify(RFC_SECRET, 0, at50)).as("outside the look-ahead").isEmpty();
		assertThat(verifier.resynchronise(RFC_SECRET, 0, at50, at51)).hasValue(51);
	}

	@Test
	void refusesResynchronisationWithCodesThatAreNotConsecutive() {
		HotpVerifier verifier = HotpVerifier.standard();
		String at50 = Hotp.generate(RFC_SECRET, 50, 6, HmacAlgorithm.SHA1);
		String at52 = Hotp.generate(RFC_SECRET, 52, 6, HmacAlgorithm.SHA1);
		assertThat(verifier.resynchronise(RFC_SECRET, 0, at50, at52)).isEmpty();
		String at150 = Hotp.generate(RFC_SECRET, 150, 6, HmacAlgorithm.SHA1);
		String at151 = Hotp.generate(RFC_SECRET, 151, 6, HmacAlgorithm.SHA1);
		assertThat(verifier.resynchronise(RFC_SECRET, 0, at150, at151)).as("beyond the resync window").isEmpty();
	}

	@Test
	void namesWhatIsWrongWithAMalformedCodeWithoutShowingIt() {
		HotpVerifier verifier = HotpVerifier.standard();
		assertThatThrownBy(() -> verifier.verify(RFC_SECRET, 0, "75522"))
			.isInstanceOfSatisfying(CodeFormat.MalformedCodeException.class,
					(ex) -> assertThat(ex.problem()).isEqualTo(CodeFormat.WRONG_LENGTH))
			.message()
			.doesNotContain("75522");
		assertThatThrownBy(() -> verifier.verify(RFC_SECRET, 0, "75522a")).isInstanceOfSatisfying(
				CodeFormat.MalformedCodeException.class,
				(ex) -> assertThat(ex.problem()).isEqualTo(CodeFormat.NOT_DIGITS));
		assertThat(CodeFormat.problemOf("٧٥٥٢٢٤", 6)).as("non-ASCII digits").contains(CodeFormat.NOT_DIGITS);
	}

}
