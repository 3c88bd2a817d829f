package com.phoneverify.otp.algorithm;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every test vector of RFC 6287 Appendix C. */
class OcraTests {

	static final byte[] KEY20 = HexFormat.of().parseHex("3132333435363738393031323334353637383930");

	static final byte[] KEY32 = HexFormat.of()
		.parseHex("3132333435363738393031323334353637383930313233343536373839303132");

	static final byte[] KEY64 = HexFormat.of()
		.parseHex("31323334353637383930313233343536373839303132333435363738393031323334"
				+ "353637383930313233343536373839303132333435363738393031323334");

	static final byte[] PIN = "1234".getBytes(StandardCharsets.US_ASCII);

	// the RFC's timestamp: 0x132d0b6 minutes
	static final long T = 0x132d0b6L;

	static byte[] key(int length) {
		return switch (length) {
			case 20 -> KEY20;
			case 32 -> KEY32;
			default -> KEY64;
		};
	}

	// C.1 one-way challenge-response
	@ParameterizedTest(name = "{0} C={2} Q={3}")
	@CsvSource({ "OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 00000000, 237653", "OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 11111111, 243178",
			"OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 22222222, 653583", "OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 33333333, 740991",
			"OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 44444444, 608993", "OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 55555555, 388898",
			"OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 66666666, 816933", "OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 77777777, 224598",
			"OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 88888888, 750600", "OCRA-1:HOTP-SHA1-6:QN08, 20, 0, 99999999, 294470",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 0, 00000000, 07016083",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 1, 11111111, 63947962",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 2, 22222222, 70123924",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 3, 33333333, 25341727",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 4, 44444444, 33203315",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 5, 55555555, 34205738",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 6, 66666666, 44343969",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 7, 77777777, 51946085",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 8, 88888888, 20403879",
			"OCRA-1:HOTP-SHA512-8:C-QN08, 64, 9, 99999999, 31409299",
			// C.2 mutual challenge-response, server and client computations
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, CLI22220SRV11110, 28247970",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, CLI22221SRV11111, 01984843",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, CLI22222SRV11112, 65387857",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, CLI22223SRV11113, 03351211",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, CLI22224SRV11114, 83412541",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SRV11110CLI22220, 15510767",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SRV11111CLI22221, 90175646",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SRV11112CLI22222, 33777207",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SRV11113CLI22223, 95285278",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SRV11114CLI22224, 28934924",
			"OCRA-1:HOTP-SHA512-8:QA08, 64, 0, CLI22220SRV11110, 79496648",
			"OCRA-1:HOTP-SHA512-8:QA08, 64, 0, CLI22221SRV11111, 76831980",
			"OCRA-1:HOTP-SHA512-8:QA08, 64, 0, CLI22222SRV11112, 12250499",
			"OCRA-1:HOTP-SHA512-8:QA08, 64, 0, CLI22223SRV11113, 90856481",
			"OCRA-1:HOTP-SHA512-8:QA08, 64, 0, CLI22224SRV11114, 12761449",
			// C.3 plain signature
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SIG10000, 53095496",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SIG11000, 04110475",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SIG12000, 31331128",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SIG13000, 76028668",
			"OCRA-1:HOTP-SHA256-8:QA08, 32, 0, SIG14000, 46554205" })
	void generatesRfc6287Vectors(String suite, int keyLength, long counter, String question, String response) {
		OcraSuite parsed = OcraSuite.parse(suite);
		Ocra.Input input = Ocra.Input.challenge(question).withCounter(counter);
		assertThat(Ocra.generate(parsed, key(keyLength), input)).isEqualTo(response);
		assertThat(Ocra.matches(parsed, key(keyLength), input, response)).isTrue();
	}

	@ParameterizedTest(name = "{0} C={2} Q={3}")
	@CsvSource({ "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 0, 12345678, 65347737",
			"OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 1, 12345678, 86775851",
			"OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 2, 12345678, 78192410",
			"OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 3, 12345678, 71565254",
			"OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 4, 12345678, 10104329",
			"OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 5, 12345678, 65983500",
			"OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 6, 12345678, 70069104",
			"OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 7, 12345678, 91771096",
			"OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 8, 12345678, 75011558",
			"OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, 32, 9, 12345678, 08522129",
			"OCRA-1:HOTP-SHA256-8:QN08-PSHA1, 32, 0, 00000000, 83238735",
			"OCRA-1:HOTP-SHA256-8:QN08-PSHA1, 32, 0, 11111111, 01501458",
			"OCRA-1:HOTP-SHA256-8:QN08-PSHA1, 32, 0, 22222222, 17957585",
			"OCRA-1:HOTP-SHA256-8:QN08-PSHA1, 32, 0, 33333333, 86776967",
			"OCRA-1:HOTP-SHA256-8:QN08-PSHA1, 32, 0, 44444444, 86807031",
			// C.2 mutual, client computations with PIN
			"OCRA-1:HOTP-SHA512-8:QA08-PSHA1, 64, 0, SRV11110CLI22220, 18806276",
			"OCRA-1:HOTP-SHA512-8:QA08-PSHA1, 64, 0, SRV11111CLI22221, 70020315",
			"OCRA-1:HOTP-SHA512-8:QA08-PSHA1, 64, 0, SRV11112CLI22222, 01600026",
			"OCRA-1:HOTP-SHA512-8:QA08-PSHA1, 64, 0, SRV11113CLI22223, 18951020",
			"OCRA-1:HOTP-SHA512-8:QA08-PSHA1, 64, 0, SRV11114CLI22224, 32528969" })
	void generatesRfc6287VectorsWithThePin(String suite, int keyLength, long counter, String question,
			String response) {
		Ocra.Input input = Ocra.Input.challenge(question).withCounter(counter).withPin(PIN);
		assertThat(Ocra.generate(OcraSuite.parse(suite), key(keyLength), input)).isEqualTo(response);
	}

	@ParameterizedTest(name = "{0} Q={1}")
	@CsvSource({ "OCRA-1:HOTP-SHA512-8:QN08-T1M, 00000000, 95209754",
			"OCRA-1:HOTP-SHA512-8:QN08-T1M, 11111111, 55907591", "OCRA-1:HOTP-SHA512-8:QN08-T1M, 22222222, 22048402",
			"OCRA-1:HOTP-SHA512-8:QN08-T1M, 33333333, 24218844", "OCRA-1:HOTP-SHA512-8:QN08-T1M, 44444444, 36209546",
			// C.3 plain signature with time
			"OCRA-1:HOTP-SHA512-8:QA10-T1M, SIG1000000, 77537423",
			"OCRA-1:HOTP-SHA512-8:QA10-T1M, SIG1100000, 31970405",
			"OCRA-1:HOTP-SHA512-8:QA10-T1M, SIG1200000, 10235557",
			"OCRA-1:HOTP-SHA512-8:QA10-T1M, SIG1300000, 95213541",
			"OCRA-1:HOTP-SHA512-8:QA10-T1M, SIG1400000, 65360607" })
	void generatesRfc6287VectorsWithTheTime(String suite, String question, String response) {
		OcraSuite parsed = OcraSuite.parse(suite);
		Ocra.Input input = Ocra.Input.challenge(question).withTimeStep(T);
		assertThat(Ocra.generate(parsed, KEY64, input)).isEqualTo(response);
		Instant withinTheMinute = Instant.ofEpochSecond(T * 60 + 42);
		assertThat(new OcraVerifier(parsed, 1).verify(KEY64, withinTheMinute, -1, Ocra.Input.challenge(question),
				response))
			.hasValue(T);
	}

	@Test
	void parsesEverySuiteOfTheRfc() {
		OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1");
		assertThat(suite.algorithm()).isEqualTo(HmacAlgorithm.SHA256);
		assertThat(suite.digits()).isEqualTo(8);
		assertThat(suite.counter()).isTrue();
		assertThat(suite.challengeFormat()).isEqualTo('N');
		assertThat(suite.challengeLength()).isEqualTo(8);
		assertThat(suite.pinHash()).contains(HmacAlgorithm.SHA1);
		OcraSuite timed = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QH10-S128-T30S");
		assertThat(timed.sessionLength()).isEqualTo(128);
		assertThat(timed.timeStep()).contains(Duration.ofSeconds(30));
		assertThat(OcraSuite.parse("OCRA-1:HOTP-SHA256-8:QN08-S064").sessionLength()).isEqualTo(64);
	}

	@Test
	void refusesMalformedSuitesSayingWhy() {
		assertThatThrownBy(() -> OcraSuite.parse("OCRA-2:HOTP-SHA1-6:QN08")).hasMessageContaining("not an OCRA-1");
		assertThatThrownBy(() -> OcraSuite.parse("OCRA-1:HOTP-SHA3-6:QN08")).hasMessageContaining("not an OCRA-1");
		assertThatThrownBy(() -> OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN03")).hasMessageContaining("04 to 64");
		assertThatThrownBy(() -> OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN65")).hasMessageContaining("04 to 64");
		assertThatThrownBy(() -> OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08-T49H")).hasMessageContaining("time step");
	}

	@Test
	void aTransferCodeIsBoundToTheRecipientAccountAndTheAmount() {
		OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA256-8:QN08-T1M");
		OcraVerifier verifier = new OcraVerifier(suite, 1);
		Instant now = Instant.ofEpochSecond(1_700_000_000);
		String challenge = TransactionChallenge.of(suite, "110-234-567890", new BigDecimal("1500000"));
		assertThat(challenge).hasSize(8).containsOnlyDigits();
		assertThat(TransactionChallenge.of(suite, "110234567890", new BigDecimal("1500000.00"))).isEqualTo(challenge);
		String code = Ocra.generate(suite, KEY32, Ocra.Input.challenge(challenge).withTimeStep(suite.stepAt(now)));

		assertThat(verifier.verify(KEY32, now, -1, Ocra.Input.challenge(challenge), code)).isPresent();
		String otherRecipient = TransactionChallenge.of(suite, "110234567891", new BigDecimal("1500000"));
		String otherAmount = TransactionChallenge.of(suite, "110234567890", new BigDecimal("1500001"));
		assertThat(verifier.verify(KEY32, now, -1, Ocra.Input.challenge(otherRecipient), code)).isEmpty();
		assertThat(verifier.verify(KEY32, now, -1, Ocra.Input.challenge(otherAmount), code)).isEmpty();
		long used = suite.stepAt(now);
		assertThat(verifier.verify(KEY32, now, used, Ocra.Input.challenge(challenge), code)).as("replay").isEmpty();
	}

	@Test
	void aCounterSuiteAcceptsEachCounterOnce() {
		OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA512-8:C-QN08");
		OcraVerifier verifier = new OcraVerifier(suite, 5);
		assertThat(verifier.verify(KEY64, Instant.EPOCH, -1, Ocra.Input.challenge("33333333"), "25341727")).hasValue(3);
		assertThat(verifier.verify(KEY64, Instant.EPOCH, 3, Ocra.Input.challenge("33333333"), "25341727")).isEmpty();
	}

}
