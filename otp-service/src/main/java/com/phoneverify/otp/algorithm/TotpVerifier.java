package com.phoneverify.otp.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * TOTP (RFC 6238): HOTP over the time step {@code floor((now - T0) / X)}, with T0 the
 * Unix epoch. Verification accepts the steps from {@code now - drift} to
 * {@code now + drift} (RFC 6238 §5.2: one step back is recommended) but never a step at
 * or before {@code lastUsedStep}: a code is accepted once, and after a code the older
 * ones are dead.
 *
 * @param digits 6 or 8
 * @param algorithm SHA-1, SHA-256 or SHA-512
 * @param step X, 30 or 60 seconds
 * @param drift how many steps the token's clock may be off either way
 */
public record TotpVerifier(int digits, HmacAlgorithm algorithm, Duration step, int drift) {

	/** Used for {@code lastUsedStep} when no code was accepted yet. */
	public static final long NO_STEP_USED = -1;

	public TotpVerifier {
		if (digits != 6 && digits != 8) {
			throw new IllegalArgumentException("TOTP codes have 6 or 8 digits, not " + digits);
		}
		if (!step.equals(Duration.ofSeconds(30)) && !step.equals(Duration.ofSeconds(60))) {
			throw new IllegalArgumentException("a TOTP step is 30 or 60 seconds, not " + step.toSeconds());
		}
		if (drift < 0 || drift > 10) {
			throw new IllegalArgumentException("drift is 0 to 10 steps, not " + drift);
		}
	}

	/** The time step of {@code time}. */
	public long stepAt(Instant time) {
		return Math.floorDiv(time.getEpochSecond(), this.step.toSeconds());
	}

	/** The code a token shows at {@code time}. */
	public String generate(byte[] key, Instant time) {
		return Hotp.generate(key, stepAt(time), this.digits, this.algorithm);
	}

	/**
	 * The time step {@code code} belongs to, or empty when it matches no step of the
	 * drift window after {@code lastUsedStep}. The caller stores the returned step as the
	 * new {@code lastUsedStep}.
	 * @throws CodeFormat.MalformedCodeException when the code is not {@code digits}
	 * digits
	 */
	public OptionalLong verify(byte[] key, Instant now, long lastUsedStep, String code) {
		byte[] submitted = CodeFormat.bytesOf(code, this.digits);
		long current = stepAt(now);
		// the current step first, then outwards: the likeliest match costs one HMAC
		if (current > lastUsedStep && Hotp.matches(key, current, this.digits, this.algorithm, submitted)) {
			return OptionalLong.of(current);
		}
		for (int distance = 1; distance <= this.drift; distance++) {
			for (long candidate : new long[] { current - distance, current + distance }) {
				if (candidate > lastUsedStep && Hotp.matches(key, candidate, this.digits, this.algorithm, submitted)) {
					return OptionalLong.of(candidate);
				}
			}
		}
		return OptionalLong.empty();
	}

}
