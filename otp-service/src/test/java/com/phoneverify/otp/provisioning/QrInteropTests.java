package com.phoneverify.otp.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our symbols against two independent implementations from Debian: {@code qrencode}
 * (libqrencode) must draw the same matrix module for module, which checks the tables, the
 * Reed-Solomon blocks and their interleaving, the placement, the format and version
 * information and the mask choice; and {@code zbarimg} must read our PNG back to the
 * exact input bytes.
 */
class QrInteropTests {

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	static Stream<Arguments> inputs() {
		String secret160 = base32(new Random(160), 20);
		String secret512 = base32(new Random(512), 64);
		return Stream.of(Arguments.of("short text", "HELLO WORLD"), Arguments.of("one byte", "a"),
				Arguments.of("160-bit secret",
						"otpauth://totp/Phone%20Verify:alice%40example.com?secret=" + secret160
								+ "&issuer=Phone%20Verify&algorithm=SHA1&digits=6&period=30"),
				Arguments.of("512-bit secret, long issuer and label",
						"otpauth://totp/Phone%20Verification%20Suite%20Bank%20of%20Somewhere:customer-000123456789%40"
								+ "accounts.example.com?secret=" + secret512
								+ "&issuer=Phone%20Verification%20Suite%20Bank%20of%20Somewhere&algorithm=SHA512"
								+ "&digits=8&period=30"),
				Arguments.of("UTF-8 label in Korean", "otpauth://totp/폰인증:홍길동?secret=" + secret160 + "&issuer=폰인증"),
				Arguments.of("full version 1-M", "x".repeat(capacity(1, ErrorCorrectionLevel.M))),
				Arguments.of("one byte into version 2-M", "x".repeat(capacity(1, ErrorCorrectionLevel.M) + 1)),
				Arguments.of("full version 9-M (8-bit count)", "y".repeat(capacity(9, ErrorCorrectionLevel.M))),
				Arguments.of("version 10-M (16-bit count)", "y".repeat(capacity(9, ErrorCorrectionLevel.M) + 1)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("inputs")
	void qrencodeDrawsTheSameMatrix(String name, String text) {
		byte[] data = text.getBytes(StandardCharsets.UTF_8);
		QrCode ours = QrCode.encode(data, ErrorCorrectionLevel.M);
		assertSameAsQrencode(ours, data);
	}

	/**
	 * Every version and level, with inputs that fill each version exactly: every row of
	 * the embedded tables is checked against libqrencode's.
	 */
	@ParameterizedTest
	@EnumSource(ErrorCorrectionLevel.class)
	void qrencodeDrawsTheSameMatrixAtEveryVersion(ErrorCorrectionLevel level) {
		Random random = new Random(level.ordinal());
		for (int version = SymbolVersion.MIN; version <= SymbolVersion.MAX; version++) {
			byte[] data = new byte[capacity(version, level)];
			random.nextBytes(data);
			QrCode ours = QrCode.encode(data, level);
			assertThat(ours.version()).as("a full version %d", version).isEqualTo(version);
			assertSameAsQrencode(ours, data);
		}
	}

	/**
	 * Random bytes of random length at random levels: the mask choice (the penalty rules)
	 * agrees with libqrencode's on inputs nobody picked. 6,000 such inputs agreed when
	 * this was written; 300 per run keep it fast.
	 */
	@Test
	void qrencodeDrawsTheSameMatrixForRandomInputs() {
		long seed = Long.getLong("qr.seed", System.nanoTime());
		System.out.println("QrInteropTests random inputs: seed " + seed + " (replay with -Dqr.seed=…)");
		Random random = new Random(seed);
		for (int i = 0; i < 300; i++) {
			ErrorCorrectionLevel level = ErrorCorrectionLevel.values()[random.nextInt(4)];
			byte[] data = new byte[1 + random.nextInt(capacity(SymbolVersion.MAX, ErrorCorrectionLevel.H))];
			random.nextBytes(data);
			assertSameAsQrencode(QrCode.encode(data, level), data);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("inputs")
	void zbarimgReadsOurPngBack(String name, String text) {
		byte[] data = text.getBytes(StandardCharsets.UTF_8);
		byte[] decoded = ExternalTools.zbarimg(QrPng.png(QrCode.encode(data, ErrorCorrectionLevel.M), 6));
		assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(text);
		assertThat(decoded).isEqualTo(data);
	}

	@Test
	void twoHundredRandomOtpauthUrisAreDrawnAsQrencodeDoesAndReadBackByZbarimg() {
		long seed = Long.getLong("qr.seed", System.nanoTime());
		System.out.println("QrInteropTests random otpauth URIs: seed " + seed + " (replay with -Dqr.seed=…)");
		Random random = new Random(seed);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String uri = randomOtpauthUri(random);
			ErrorCorrectionLevel level = ErrorCorrectionLevel.values()[random.nextInt(4)];
			QrCode code = QrCode.encode(uri, level);
			assertSameAsQrencode(code, uri.getBytes(StandardCharsets.UTF_8));
			// from 2 px per module: at 1 px zbarimg often finds no QR code, ours or
			// qrencode's
			byte[] decoded = ExternalTools.zbarimg(QrPng.png(code, 2 + random.nextInt(5)));
			if (!Arrays.equals(decoded, uri.getBytes(StandardCharsets.UTF_8))) {
				failures.add(level + " " + uri);
			}
		}
		assertThat(failures).as("seed %d", seed).isEmpty();
	}

	private static void assertSameAsQrencode(QrCode ours, byte[] data) {
		boolean[][] theirs = ExternalTools.qrencode(data, ours.level(), ours.version());
		assertThat(theirs.length).as("qrencode's size at version %d", ours.version()).isEqualTo(ours.size());
		List<String> differences = new ArrayList<>();
		for (int row = 0; row < ours.size(); row++) {
			for (int column = 0; column < ours.size(); column++) {
				if (theirs[row][column] != ours.isDark(row, column)) {
					differences.add("(" + row + "," + column + ")");
				}
			}
		}
		assertThat(differences).as("modules that differ from qrencode in %s (qrencode's mask %d)", ours, maskOf(theirs))
			.isEmpty();
	}

	/** The mask reference in the format information next to the top-left finder. */
	private static int maskOf(boolean[][] modules) {
		int bits = 0;
		for (int column = 0; column <= 5; column++) {
			bits = (bits << 1) | (modules[8][column] ? 1 : 0);
		}
		// format bits 14..10 sit at row 8, columns 0..5 (after the level's two bits, the
		// mask)
		return ((bits >>> 1) ^ (0x5412 >>> 10)) & 0b111;
	}

	private static String randomOtpauthUri(Random random) {
		String type = random.nextBoolean() ? "totp" : "hotp";
		String issuer = randomLabel(random, 1 + random.nextInt(40));
		String account = randomLabel(random, 1 + random.nextInt(40));
		int[] secretLengths = { 10, 16, 20, 32, 64 };
		String secret = base32(random, secretLengths[random.nextInt(secretLengths.length)]);
		String[] algorithms = { "SHA1", "SHA256", "SHA512" };
		return "otpauth://" + type + "/" + issuer + ":" + account + "?secret=" + secret + "&issuer=" + issuer
				+ "&algorithm=" + algorithms[random.nextInt(3)] + "&digits=" + (random.nextBoolean() ? 6 : 8)
				+ (type.equals("totp") ? "&period=" + (random.nextBoolean() ? 30 : 60)
						: "&counter=" + random.nextInt(1_000_000));
	}

	private static String randomLabel(Random random, int length) {
		String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%40%20";
		StringBuilder label = new StringBuilder();
		for (int i = 0; i < length; i++) {
			label.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return label.toString();
	}

	/** Base32 (RFC 4648, no padding) of {@code bytes} random bytes, as in the URI. */
	private static String base32(Random random, int bytes) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < (bytes * 8 + 4) / 5; i++) {
			text.append(BASE32.charAt(random.nextInt(32)));
		}
		return text.toString();
	}

	/** The most bytes version {@code version} holds at {@code level} in byte mode. */
	private static int capacity(int version, ErrorCorrectionLevel level) {
		return (SymbolVersion.dataCodewords(version, level) * 8 - 4 - SymbolVersion.byteCountBits(version)) / 8;
	}

}
