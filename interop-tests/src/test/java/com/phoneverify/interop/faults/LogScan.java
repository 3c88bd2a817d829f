package com.phoneverify.interop.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks for the run's phone numbers in clear in the logs of every process, crashes and
 * restarts included. The one masking rule shows {@code +82 10-****-1234}: the middle
 * digits never appear.
 */
final class LogScan {

	private LogScan() {
	}

	/**
	 * Log lines that hold one of the numbers' last eight digits, with or without a dash.
	 */
	static List<String> linesWithNumbersInClear(Path directory, List<LoadDriver.Accepted> accepted) {
		Pattern numbers = Pattern.compile(String.join("|", accepted.stream().map(verification -> {
			String digits = verification.e164().substring(verification.e164().length() - 8);
			return digits.substring(0, 4) + "[- ]?" + digits.substring(4);
		}).toList()));
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.toString().endsWith(".log"))
				.flatMap(LogScan::lines)
				.filter(line -> numbers.matcher(line).find())
				.limit(5)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Stream<String> lines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
