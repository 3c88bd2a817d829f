package com.phoneverify.otp.algorithm;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/** OCRA (RFC 6287 §5): the HMAC of the suite and its data input, truncated like HOTP. */
public final class Ocra {

	private static final int QUESTION_BYTES = 128;

	private Ocra() {
	}

	/**
	 * The values of one computation.
	 *
	 * @param counter C, used when the suite has {@code C}
	 * @param question the challenge in the suite's format
	 * @param pin the PIN (hashed here with the suite's P hash), or {@code null}
	 * @param session session information (S), or {@code null}
	 * @param timeStep T in the suite's steps, used when the suite has {@code T}
	 */
	public record Input(long counter, String question, byte @Nullable [] pin, byte @Nullable [] session,
			long timeStep) {

		public static Input challenge(String question) {
			return new Input(0, question, null, null, 0);
		}

		public Input withCounter(long counter) {
			return new Input(counter, this.question, this.pin, this.session, this.timeStep);
		}

		public Input withPin(byte[] pin) {
			return new Input(this.counter, this.question, pin, this.session, this.timeStep);
		}

		public Input withSession(byte[] session) {
			return new Input(this.counter, this.question, this.pin, session, this.timeStep);
		}

		public Input withTimeStep(long timeStep) {
			return new Input(this.counter, this.question, this.pin, this.session, timeStep);
		}

	}

	/** The response for {@code input}. */
	public static String generate(OcraSuite suite, byte[] key, Input input) {
		return new String(responseBytes(suite, key, input), StandardCharsets.US_ASCII);
	}

	/**
	 * Whether {@code response} is the one for {@code input}, compared in constant time.
	 */
	public static boolean matches(OcraSuite suite, byte[] key, Input input, String response) {
		byte[] submitted = CodeFormat.bytesOf(response, suite.digits());
		return MessageDigest.isEqual(responseBytes(suite, key, input), submitted);
	}

	private static byte[] responseBytes(OcraSuite suite, byte[] key, Input input) {
		byte[] hmac = suite.algorithm().mac(key, dataInput(suite, input));
		return Hotp.digitsOf(Hotp.truncate(hmac, suite.digits()), suite.digits());
	}

	/** RFC 6287 §5.1: suite, 0x00, C, Q, P, S, T. */
	static byte[] dataInput(OcraSuite suite, Input input) {
		if (!suite.accepts(input.question())) {
			throw new IllegalArgumentException("the challenge does not fit Q" + suite.challengeFormat()
					+ suite.challengeLength() + " (length or characters)");
		}
		ByteArrayOutputStream message = new ByteArrayOutputStream(256);
		message.writeBytes(suite.text().getBytes(StandardCharsets.US_ASCII));
		message.write(0);
		if (suite.counter()) {
			message.writeBytes(Hotp.counterBytes(input.counter()));
		}
		message.writeBytes(questionBytes(suite.challengeFormat(), input.question()));
		suite.pinHash().ifPresent((hash) -> message.writeBytes(pinHash(hash, required(input.pin(), "PIN"))));
		if (suite.sessionLength() > 0) {
			message.writeBytes(leftPadded(required(input.session(), "session information"), suite.sessionLength()));
		}
		if (suite.timeStep().isPresent()) {
			message.writeBytes(Hotp.counterBytes(input.timeStep()));
		}
		return message.toByteArray();
	}

	/** Q: the challenge as hexadecimal, right-padded with zeros to 128 bytes. */
	private static byte[] questionBytes(char format, String question) {
		String hex = switch (format) {
			case 'N' -> new BigInteger(question, 10).toString(16);
			case 'H' -> question;
			default -> HexFormat.of().formatHex(question.getBytes(StandardCharsets.US_ASCII));
		};
		StringBuilder padded = new StringBuilder(QUESTION_BYTES * 2).append(hex);
		while (padded.length() < QUESTION_BYTES * 2) {
			padded.append('0');
		}
		return HexFormat.of().parseHex(padded);
	}

	private static byte[] pinHash(HmacAlgorithm hash, byte[] pin) {
		String name = switch (hash) {
			case SHA1 -> "SHA-1";
			case SHA256 -> "SHA-256";
			case SHA512 -> "SHA-512";
		};
		try {
			return MessageDigest.getInstance(name).digest(pin);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(name + " is missing from this JVM", ex);
		}
	}

	private static byte[] leftPadded(byte[] value, int length) {
		if (value.length > length) {
			throw new IllegalArgumentException("session information longer than " + length + " bytes");
		}
		byte[] padded = new byte[length];
		System.arraycopy(value, 0, padded, length - value.length, value.length);
		return padded;
	}

	private static byte[] required(byte @Nullable [] value, String what) {
		if (value == null) {
			throw new IllegalArgumentException("the suite needs " + what);
		}
		return value;
	}

}
