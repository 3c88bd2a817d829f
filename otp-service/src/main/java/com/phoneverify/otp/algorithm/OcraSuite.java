package com.phoneverify.otp.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCRA suite (RFC 6287 §6): {@code OCRA-1:HOTP-<hash>-<digits>:<data input>}, the data
 * input being {@code [C-]Q<A|N|H><04..64>[-P<hash>][-S<nnn>][-T<n><S|M|H>]}.
 *
 * @param text the suite as written; it is part of the HMAC input
 * @param algorithm the HMAC function of the crypto function
 * @param digits the truncation length (4 to 9; RFC 6287 also allows 0 and 10, which no
 * token of this suite uses)
 * @param counter whether the data input has {@code C}
 * @param challengeFormat {@code A} alphanumeric, {@code N} numeric, {@code H} hexadecimal
 * @param challengeLength the maximum challenge length, 4 to 64
 * @param pinHash the hash of the PIN in the data input, if any
 * @param sessionLength the session information length in bytes, 0 when absent
 * @param timeStep the time step when the data input has {@code T}, else empty
 */
public record OcraSuite(String text, HmacAlgorithm algorithm, int digits, boolean counter, char challengeFormat,
		int challengeLength, Optional<HmacAlgorithm> pinHash, int sessionLength, Optional<Duration> timeStep) {

	private static final Pattern SUITE = Pattern.compile("OCRA-1:HOTP-(SHA1|SHA256|SHA512)-(\\d{1,2}):"
			+ "(C-)?Q([ANH])(\\d\\d)(?:-P(SHA1|SHA256|SHA512))?(?:-S(\\d{3}))?(?:-T(\\d{1,2})([SMH]))?");

	/**
	 * Parses a suite.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static OcraSuite parse(String text) {
		Matcher m = SUITE.matcher(text);
		if (!m.matches()) {
			throw new IllegalArgumentException("not an OCRA-1 suite of RFC 6287 §6: " + text);
		}
		int digits = Integer.parseInt(m.group(2));
		if (digits < 4 || digits > 9) {
			throw new IllegalArgumentException("OCRA truncation of 4 to 9 digits supported, not " + digits);
		}
		int challengeLength = Integer.parseInt(m.group(5));
		if (challengeLength < 4 || challengeLength > 64) {
			throw new IllegalArgumentException("challenge length is 04 to 64, not " + m.group(5));
		}
		int sessionLength = (m.group(7) != null) ? Integer.parseInt(m.group(7)) : 0;
		if (m.group(7) != null && (sessionLength < 1 || sessionLength > 512)) {
			throw new IllegalArgumentException("session information is 001 to 512 bytes, not " + m.group(7));
		}
		return new OcraSuite(text, HmacAlgorithm.named(m.group(1)), digits, m.group(3) != null, m.group(4).charAt(0),
				challengeLength, Optional.ofNullable(m.group(6)).map(HmacAlgorithm::named), sessionLength,
				Optional.ofNullable(m.group(8)).map((n) -> timeStep(Integer.parseInt(n), m.group(9).charAt(0))));
	}

	/** The time step of {@code time} for a suite with {@code T}. */
	public long stepAt(Instant time) {
		Duration step = this.timeStep.orElseThrow(() -> new IllegalStateException(this.text + " has no time step"));
		return Math.floorDiv(time.getEpochSecond(), step.toSeconds());
	}

	/**
	 * Whether {@code challenge} is a question this suite accepts: at least 4 characters
	 * of the suite's format, fitting Q's 128 bytes. Not capped at the suite's length: the
	 * RFC's own mutual challenge-response vectors (Appendix C.2) send 16 characters with
	 * {@code QA08}.
	 */
	public boolean accepts(String challenge) {
		int maximum = switch (this.challengeFormat) {
			case 'N' -> 64;
			case 'H' -> 256;
			default -> 128;
		};
		if (challenge.length() < 4 || challenge.length() > maximum) {
			return false;
		}
		String allowed = switch (this.challengeFormat) {
			case 'N' -> "0123456789";
			case 'H' -> "0123456789abcdefABCDEF";
			default -> null;
		};
		for (int i = 0; i < challenge.length(); i++) {
			char c = challenge.charAt(i);
			boolean ok = (allowed != null) ? allowed.indexOf(c) >= 0 : (c > ' ' && c < 0x7f);
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private static Duration timeStep(int amount, char unit) {
		return switch (unit) {
			case 'S' -> checked(amount, 1, 59, Duration.ofSeconds(amount));
			case 'M' -> checked(amount, 1, 59, Duration.ofMinutes(amount));
			default -> checked(amount, 1, 48, Duration.ofHours(amount));
		};
	}

	private static Duration checked(int amount, int min, int max, Duration step) {
		if (amount < min || amount > max) {
			throw new IllegalArgumentException("time step out of RFC 6287 range: " + step);
		}
		return step;
	}

}
