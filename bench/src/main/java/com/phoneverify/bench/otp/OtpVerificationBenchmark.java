package com.phoneverify.bench.otp;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import com.phoneverify.otp.algorithm.HmacAlgorithm;
import com.phoneverify.otp.algorithm.Hotp;
import com.phoneverify.otp.algorithm.HotpVerifier;
import com.phoneverify.otp.algorithm.Ocra;
import com.phoneverify.otp.algorithm.OcraSuite;
import com.phoneverify.otp.algorithm.OcraVerifier;
import com.phoneverify.otp.algorithm.TotpVerifier;
import com.phoneverify.otp.algorithm.TransactionChallenge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifications per second on one thread (one core), as otp-service runs them: the right
 * code at the expected counter or step (one HMAC), a wrong HOTP code (the whole
 * look-ahead window, 11 HMACs), TOTP with drift 1 for each hash, and an OCRA transfer
 * code (challenge from account and amount, then the HMAC).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class OtpVerificationBenchmark {

	private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SEED32 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SEED64 = "1234567890123456789012345678901234567890123456789012345678901234"
		.getBytes(StandardCharsets.US_ASCII);

	private final HotpVerifier hotp = HotpVerifier.standard();

	private final TotpVerifier totpSha1 = new TotpVerifier(6, HmacAlgorithm.SHA1, Duration.ofSeconds(30), 1);

	private final TotpVerifier totpSha256 = new TotpVerifier(8, HmacAlgorithm.SHA256, Duration.ofSeconds(30), 1);

	private final TotpVerifier totpSha512 = new TotpVerifier(8, HmacAlgorithm.SHA512, Duration.ofSeconds(30), 1);

	private final OcraSuite transferSuite = OcraSuite.parse("OCRA-1:HOTP-SHA256-8:QN08-T1M");

	private final OcraVerifier ocra = new OcraVerifier(this.transferSuite, 1);

	private final Instant now = Instant.ofEpochSecond(1_700_000_000);

	private final BigDecimal amount = new BigDecimal("1500000");

	private String hotpCode;

	/**
	 * Two tokens verified in turn: every call re-keys the thread's Mac, as distinct
	 * customers do.
	 */
	private final byte[][] otherTokens = { SEED20, "abcdefghijabcdefghij".getBytes(StandardCharsets.US_ASCII) };

	private final String[] otherCodes = new String[2];

	private int turn;

	private String totpSha1Code;

	private String totpSha256Code;

	private String totpSha512Code;

	private String ocraCode;

	@Setup
	public void codes() {
		this.hotpCode = Hotp.generate(SEED20, 1000, 6, HmacAlgorithm.SHA1);
		for (int i = 0; i < 2; i++) {
			this.otherCodes[i] = Hotp.generate(this.otherTokens[i], 1000, 6, HmacAlgorithm.SHA1);
		}
		this.totpSha1Code = this.totpSha1.generate(SEED20, this.now);
		this.totpSha256Code = this.totpSha256.generate(SEED32, this.now);
		this.totpSha512Code = this.totpSha512.generate(SEED64, this.now);
		String challenge = TransactionChallenge.of(this.transferSuite, "110-234-567890", this.amount);
		this.ocraCode = Ocra.generate(this.transferSuite, SEED32,
				Ocra.Input.challenge(challenge).withTimeStep(this.transferSuite.stepAt(this.now)));
	}

	@Benchmark
	public OptionalLong hotpRightCode() {
		return this.hotp.verify(SEED20, 1000, this.hotpCode);
	}

	@Benchmark
	public OptionalLong hotpRightCodeAnotherTokenEachTime() {
		int i = this.turn ^= 1;
		return this.hotp.verify(this.otherTokens[i], 1000, this.otherCodes[i]);
	}

	@Benchmark
	public OptionalLong hotpWrongCodeWholeWindow() {
		return this.hotp.verify(SEED20, 5000, this.hotpCode);
	}

	@Benchmark
	public OptionalLong totpSha1() {
		return this.totpSha1.verify(SEED20, this.now, -1, this.totpSha1Code);
	}

	@Benchmark
	public OptionalLong totpSha256() {
		return this.totpSha256.verify(SEED32, this.now, -1, this.totpSha256Code);
	}

	@Benchmark
	public OptionalLong totpSha512() {
		return this.totpSha512.verify(SEED64, this.now, -1, this.totpSha512Code);
	}

	@Benchmark
	public OptionalLong ocraTransfer() {
		String challenge = TransactionChallenge.of(this.transferSuite, "110-234-567890", this.amount);
		return this.ocra.verify(SEED32, this.now, -1, Ocra.Input.challenge(challenge), this.ocraCode);
	}

}
