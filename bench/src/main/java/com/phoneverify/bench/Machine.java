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

	/**
	 * CPU time the whole machine has spent busy so far (user, nice, system, irq, softirq
	 * of every core, from {@code /proc/stat}), in clock ticks; -1 when unknown. The
	 * difference over a run, divided by the messages, is the CPU a message cost
	 * everything on the machine: the system measured, its driver and the simulators.
	 */
	public static long busyTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i : new int[] { 1, 2, 3, 6, 7 }) {
				busy += Long.parseLong(fields[i]);
			}
			return busy;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** Clock ticks per second of {@link #busyTicks()} (USER_HZ, 100 on Linux). */
	public static final int TICKS_PER_SECOND = 100;

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
