package com.phoneverify.otp.algorithm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpTests {

	static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	static final byte[] SEED32 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

	static final byte[] SEED64 = "1234567890123456789012345678901234567890123456789012345678901234"
		.getBytes(StandardCharsets.US_ASCII);

	static byte[] seedFor(HmacAlgorithm algorithm) {
		return switch (algorithm) {
			case SHA1 -> SEED20;
			case SHA256 -> SEED32;
			case SHA512 -> SEED64;
		};
	}

	// RFC 6238 Appendix B, every row
	@ParameterizedTest(name = "{0} at {1}")
	@CsvSource({ "SHA1, 59, 94287082", "SHA256, 59, 46119246", "SHA512, 59, 90693936", "SHA1, 1111111109, 07081804",
			"SHA256, 1111111109, 68084774", "SHA512, 1111111109, 25091201", "SHA1, 1111111111, 14050471",
			"SHA256, 1111111111, 67062674", "SHA512, 1111111111, 99943326", "SHA1, 1234567890, 89005924",
			"SHA256, 1234567890, 91819424", "SHA512, 1234567890, 93441116", "SHA1, 2000000000, 69279037",
			"SHA256, 2000000000, 90698825", "SHA512, 2000000000, 38618901", "SHA1, 20000000000, 65353130",
			"SHA256, 20000000000, 77737706", "SHA512, 20000000000, 47863826" })
	void generatesAndAcceptsEveryRfc6238AppendixBValue(HmacAlgorithm algorithm, long unixTime, String code) {
		TotpVerifier verifier = new TotpVerifier(8, algorithm, Duration.ofSeconds(30), 1);
		Instant time = Instant.ofEpochSecond(unixTime);
		assertThat(verifier.generate(seedFor(algorithm), time)).isEqualTo(code);
		assertThat(verifier.verify(seedFor(algorithm), time, TotpVerifier.NO_STEP_USED, code)).hasValue(unixTime / 30);
	}

	@Test
	void acceptsACodeOfTheDriftWindowOnly() {
		TotpVerifier verifier = new TotpVerifier(6, HmacAlgorithm.SHA1, Duration.ofSeconds(30), 1);
		Instant now = Instant.ofEpochSecond(1_700_000_000);
		String previous = verifier.generate(SEED20, now.minusSeconds(30));
		String next = verifier.generate(SEED20, now.plusSeconds(30));
		String twoBack = verifier.generate(SEED20, now.minusSeconds(60));
		assertThat(verifier.verify(SEED20, now, -1, previous)).hasValue(verifier.stepAt(now) - 1);
		assertThat(verifier.verify(SEED20, now, -1, next)).hasValue(verifier.stepAt(now) + 1);
		assertThat(verifier.verify(SEED20, now, -1, twoBack)).isEmpty();
	}

	@Test
	void acceptsACodeOnceAndNothingOlderAfterIt() {
		TotpVerifier verifier = new TotpVerifier(6, HmacAlgorithm.SHA256, Duration.ofSeconds(60), 1);
		Instant now = Instant.ofEpochSecond(1_700_000_000);
		String current = verifier.generate(SEED32, now);
		String previous = verifier.generate(SEED32, now.minusSeconds(60));
		long used = verifier.verify(SEED32, now, -1, current).getAsLong();
		assertThat(verifier.verify(SEED32, now.plusSeconds(5), used, current)).as("replay").isEmpty();
		assertThat(verifier.verify(SEED32, now, used, previous)).as("older step").isEmpty();
	}

	@Test
	void refusesStepsAndLengthsRfc6238DoesNotUseHere() {
		assertThatThrownBy(() -> new TotpVerifier(7, HmacAlgorithm.SHA1, Duration.ofSeconds(30), 1))
			.hasMessageContaining("6 or 8");
		assertThatThrownBy(() -> new TotpVerifier(6, HmacAlgorithm.SHA1, Duration.ofSeconds(45), 1))
			.hasMessageContaining("30 or 60");
	}

}
