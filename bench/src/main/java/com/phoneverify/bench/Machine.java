package com.phoneverify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the benchmark ran on, for the report (public for the SMS benchmark). */
public record Machine(String cpu, int cores, long ramGiB, String os, String java) {

	public static Machine current() throws IOException {
		return new Machine(field(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
				Runtime.getRuntime().availableProcessors(),
				field(Path.of("/proc/meminfo"), "MemTotal")
					.map((kb) -> Math.round(Long.parseLong(kb.replace("kB", "").strip()) / 1024.0 / 1024.0))
					.orElse(0L),
				System.getProperty("os.name") + " " + System.getProperty("os.version"),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
	}

	/** The one-line description the reports print. */
	public String describe() {
		return String.format("%s, %d cores, %d GiB RAM, %s, %s", this.cpu, this.cores, this.ramGiB, this.os, this.java);
	}

	/** The 1-minute load average now (other work on the machine), or -1 when unknown. */
	public static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
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
