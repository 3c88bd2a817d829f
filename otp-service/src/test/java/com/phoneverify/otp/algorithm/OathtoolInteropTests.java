package com.phoneverify.otp.algorithm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An independent authenticator, {@code oathtool} (Debian package {@code oathtool},
 * installed by {@code .ci/run}), generates codes from random secrets that our verifiers
 * must accept.
 */
class OathtoolInteropTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	@Test
	void ourVerifierAcceptsHotpCodesOathtoolGenerates() throws Exception {
		byte[] secret = randomSecret(20);
		HotpVerifier verifier = HotpVerifier.standard();
		// oathtool -w 4: the codes of counters 7 to 11
		List<String> codes = oathtool("--hotp", "--counter=7", "--window=4", HexFormat.of().formatHex(secret));
		assertThat(codes).hasSize(5);
		long next = 7;
		for (String code : codes) {
			next = verifier.verify(secret, next, code).getAsLong() + 1;
		}
		assertThat(next).isEqualTo(12);
	}

	@ParameterizedTest(name = "{0}, {1} digits, {2} s")
	@CsvSource({ "SHA1, 6, 30", "SHA1, 8, 60", "SHA256, 6, 30", "SHA256, 8, 30", "SHA512, 6, 60", "SHA512, 8, 30" })
	void ourVerifierAcceptsTotpCodesOathtoolGenerates(HmacAlgorithm algorithm, int digits, int step) throws Exception {
		byte[] secret = randomSecret(switch (algorithm) {
			case SHA1 -> 20;
			case SHA256 -> 32;
			case SHA512 -> 64;
		});
		TotpVerifier verifier = new TotpVerifier(digits, algorithm, Duration.ofSeconds(step), 1);
		long at = 1_700_000_000L + RANDOM.nextInt(1_000_000);
		String code = oathtool("--totp=" + algorithm.label().toLowerCase(), "--digits=" + digits,
				"--time-step-size=" + step + "s", "--now=@" + at, HexFormat.of().formatHex(secret))
			.get(0);
		assertThat(verifier.verify(secret, Instant.ofEpochSecond(at), TotpVerifier.NO_STEP_USED, code))
			.hasValue(at / step);
		assertThat(verifier.generate(secret, Instant.ofEpochSecond(at))).isEqualTo(code);
	}

	@Test
	void oathtoolAcceptsTheBase32SecretOfOurOtpauthUri() throws Exception {
		byte[] secret = randomSecret(20);
		long at = 1_700_000_000L;
		String code = oathtool("--totp", "--base32", "--now=@" + at, Base32.encode(secret)).get(0);
		assertThat(new TotpVerifier(6, HmacAlgorithm.SHA1, Duration.ofSeconds(30), 0).verify(secret,
				Instant.ofEpochSecond(at), -1, code))
			.isPresent();
	}

	private static byte[] randomSecret(int length) {
		byte[] secret = new byte[length];
		RANDOM.nextBytes(secret);
		return secret;
	}

	private static List<String> oathtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("oathtool"));
		command.addAll(List.of(arguments));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new AssertionError("oathtool is needed: apt-get install oathtool (.ci/run does)", ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

}
