package com.phoneverify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the benchmark ran on, for the report. */
record Machine(String cpu, int cores, long ramGiB, String os, String java) {

	static Machine current() throws IOException {
		return new Machine(field(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
				Runtime.getRuntime().availableProcessors(),
				field(Path.of("/proc/meminfo"), "MemTotal")
					.map((kb) -> Math.round(Long.parseLong(kb.replace("kB", "").strip()) / 1024.0 / 1024.0))
					.orElse(0L),
				System.getProperty("os.name") + " " + System.getProperty("os.version"),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
	}

	private static Optional<String> field(Path file, String name) throws IOException {
		if (!Files.isReadable(file)) {
			return Optional.empty();
		}
		return Files.readAllLines(file)
			.stream()
			.filter((line) -> line.startsWith(name))
			.map((line) -> line.substring(line.indexOf(':') + 1).strip())
			.findFirst();
	}

}
