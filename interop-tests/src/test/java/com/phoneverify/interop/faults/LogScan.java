package com.phoneverify.interop.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Looks for the run's phone numbers in clear in the logs of every process, crashes and
 * restarts included. The one masking rule shows {@code +82 10-****-1234}: the middle
 * digits never appear.
 */
final class LogScan {

	/** Digits, possibly split by a dash or a space between two digits. */
	private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[- ]?\\d)+");

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

	/**
	 * The same for many numbers (thousands: one alternation per number would be slow):
	 * every run of digits in a line, dashes and spaces between digits dropped, is looked
	 * up eight digits at a time.
	 */
	static List<String> linesWithAnyInClear(Path directory, Collection<String> e164Numbers) {
		Set<String> lastEight = e164Numbers.stream()
			.map(number -> number.substring(number.length() - 8))
			.collect(Collectors.toSet());
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.toString().endsWith(".log"))
				.flatMap(LogScan::lines)
				.filter(line -> holdsAny(line, lastEight))
				.limit(5)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean holdsAny(String line, Set<String> lastEight) {
		Matcher digits = DIGIT_RUN.matcher(line);
		while (digits.find()) {
			String run = digits.group().replaceAll("[- ]", "");
			for (int start = 0; start + 8 <= run.length(); start++) {
				if (lastEight.contains(run.substring(start, start + 8))) {
					return true;
				}
			}
		}
		return false;
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
