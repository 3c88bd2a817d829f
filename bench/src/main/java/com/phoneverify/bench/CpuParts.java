package com.phoneverify.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * CPU time spent so far by each part of a benchmark run, so that a report can say what a
 * message cost the system measured apart from what it cost its driver, its simulator and
 * the infrastructure it shares the machine with. This JVM's threads are told apart by
 * name; what the JVM spends outside them (JIT compilers, garbage collector, VM threads)
 * is a part of its own; other processes (PostgreSQL's postmaster with its backends,
 * Kannel's boxes) are read from {@code /proc} by pid. Linux only: elsewhere every part
 * reads zero.
 */
public final class CpuParts {

	/** The part for what this JVM spends outside its Java threads. */
	public static final String JVM_ITSELF = "JVM: JIT, GC, VM threads";

	private static final long NANOS_PER_TICK = 1_000_000_000L / Machine.TICKS_PER_SECOND;

	private final Function<String, String> threadPart;

	private final Map<String, Supplier<List<Long>>> processes;

	/**
	 * @param threadPart the part a Java thread of this JVM belongs to, by its name
	 * @param processes other parts, each the pids it is made of now (read at every
	 * snapshot: backends come and go)
	 */
	public CpuParts(Function<String, String> threadPart, Map<String, Supplier<List<Long>>> processes) {
		this.threadPart = threadPart;
		this.processes = processes;
	}

	/** CPU nanoseconds spent by each part until now. */
	public Map<String, Long> snapshot() {
		Map<String, Long> spent = new LinkedHashMap<>();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long[] ids = threads.getAllThreadIds();
		ThreadInfo[] infos = threads.getThreadInfo(ids);
		long javaThreads = 0;
		for (int i = 0; i < ids.length; i++) {
			long nanos = threads.getThreadCpuTime(ids[i]);
			if (infos[i] != null && nanos > 0) {
				spent.merge(this.threadPart.apply(infos[i].getThreadName()), nanos, Long::sum);
				javaThreads += nanos;
			}
		}
		spent.put(JVM_ITSELF, Math.max(0, ticks(ProcessHandle.current().pid(), false) * NANOS_PER_TICK - javaThreads));
		this.processes.forEach((part, pids) -> spent.put(part,
				pids.get().stream().mapToLong((pid) -> ticks(pid, true)).sum() * NANOS_PER_TICK));
		return spent;
	}

	/** What each part spent from {@code earlier} to {@code later}, in nanoseconds. */
	public static Map<String, Long> between(Map<String, Long> earlier, Map<String, Long> later) {
		Map<String, Long> spent = new HashMap<>();
		later.forEach((part, nanos) -> spent.put(part, Math.max(0, nanos - earlier.getOrDefault(part, 0L))));
		return spent;
	}

	/**
	 * A process and its children now: the postmaster named in a PostgreSQL data
	 * directory's {@code postmaster.pid}, with its backends and background processes.
	 */
	public static List<Long> postgres(Path dataDirectory) {
		try {
			long postmaster = Long
				.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
			List<Long> pids = new ArrayList<>(List.of(postmaster));
			try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
				for (Path process : proc) {
					if (parentOf(process) == postmaster) {
						pids.add(Long.parseLong(process.getFileName().toString()));
					}
				}
			}
			return pids;
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	/**
	 * User and system time of a process in clock ticks, with that of its children it
	 * waited for when {@code reaped} (a backend that ended counts); 0 when gone.
	 */
	private static long ticks(long pid, boolean reaped) {
		String[] fields = stat(Path.of("/proc", String.valueOf(pid)));
		if (fields.length < 15) {
			return 0;
		}
		// fields after "pid (comm) ": state is [0]; utime [11], stime [12], cutime [13],
		// cstime [14]
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return reaped ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
	}

	private static long parentOf(Path process) {
		String[] fields = stat(process);
		return (fields.length > 1) ? Long.parseLong(fields[1]) : -1;
	}

	/**
	 * The fields of {@code /proc/<pid>/stat} after the command name (which may hold
	 * spaces).
	 */
	private static String[] stat(Path process) {
		try {
			String stat = Files.readString(process.resolve("stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		}
		catch (IOException | RuntimeException ex) {
			return new String[0];
		}
	}

}
