package com.phoneverify.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Contracts stay a plain library: any consumer, with or without Spring, can use it. */
class NoSpringTests {

	@Test
	void mainCodeImportsNoSpring() throws IOException {
		List<Path> offenders;
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			offenders = sources.filter((path) -> path.toString().endsWith(".java"))
				.filter((path) -> read(path).contains("org.springframework"))
				.toList();
		}
		assertThat(offenders).isEmpty();
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
