package com.phoneverify.otp.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent QR implementations from Debian, {@code qrencode} (package
 * {@code qrencode}) and {@code zbarimg} (package {@code zbar-tools}), both installed by
 * {@code .ci/run}. A missing tool fails the test: it is not skipped.
 */
public final class ExternalTools {

	private static final long TIMEOUT_SECONDS = 20;

	private ExternalTools() {
	}

	/**
	 * qrencode's matrix of {@code data} in 8-bit mode at {@code level} and exactly
	 * {@code version}, without quiet zone: {@code [row][column]}, true for dark.
	 */
	static boolean[][] qrencode(byte[] data, ErrorCorrectionLevel level, int version) {
		String ascii = new String(run(data, "qrencode", "qrencode", "-8", "-l", level.name(), "-v",
				Integer.toString(version), "-m", "0", "-t", "ASCII", "-o", "-"), StandardCharsets.US_ASCII);
		// -t ASCII draws each module as two characters: "##" dark, " " light
		List<String> lines = ascii.lines().filter((line) -> !line.isEmpty()).toList();
		boolean[][] modules = new boolean[lines.size()][];
		for (int row = 0; row < lines.size(); row++) {
			String line = lines.get(row);
			modules[row] = new boolean[line.length() / 2];
			for (int column = 0; column < modules[row].length; column++) {
				modules[row][column] = line.charAt(2 * column) == '#';
			}
		}
		return modules;
	}

	/**
	 * The bytes zbarimg decodes from {@code png}: QR codes only (with every symbology on,
	 * it now and then also "finds" a linear barcode in a QR code's modules), raw
	 * ({@code -Sbinary}: no character set guessing, no trailing newline).
	 */
	public static byte[] zbarimg(byte[] png) {
		try {
			Path file = Files.createTempFile("qr", ".png");
			try {
				Files.write(file, png);
				return run(new byte[0], "zbar-tools", "zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable",
						"-Sbinary", file.toString());
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private static byte[] run(byte[] stdin, String debianPackage, String... command) {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		}
		catch (IOException ex) {
			throw new AssertionError(command[0] + " is needed: apt-get install " + debianPackage + " (.ci/run does)",
					ex);
		}
		try {
			CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
			try (var input = process.getOutputStream()) {
				input.write(stdin);
			}
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(command[0] + " did not finish within " + TIMEOUT_SECONDS + " s");
			}
			if (process.exitValue() != 0) {
				throw new AssertionError(command[0] + " exited with " + process.exitValue());
			}
			return output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw new AssertionError(command[0] + " failed", ex);
		}
	}

	private static byte[] readAll(InputStream stream) {
		try {
			return stream.readAllBytes();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

}
