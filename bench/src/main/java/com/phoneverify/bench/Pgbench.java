package com.phoneverify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs Debian's pgbench with a workload's script (what one request commits when it is
 * alone) against the database the workload prepared in the same PostgreSQL server.
 */
final class Pgbench {

	record Result(double transactionsPerSecond, Latencies latencies) {
	}

	private final Psql server;

	Pgbench(Psql server) {
		this.server = server;
	}

	/**
	 * {@code pgbench -M prepared -c clients -j 2 -T seconds -l}: the rate without the
	 * initial connection time and every transaction's latency from the logs.
	 */
	Result run(Path script, String database, int clients, Duration duration) throws IOException, InterruptedException {
		Path logs = Files.createTempDirectory("pgbench-logs");
		try {
			String output = Psql.shell("cd " + logs + " && pgbench -n -M prepared " + this.server.connection() + " -c "
					+ clients + " -j " + Math.min(2, clients) + " -T " + duration.toSeconds() + " -l -f "
					+ script.toAbsolutePath() + " " + database);
			Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
			if (!tps.find()) {
				throw new IllegalStateException("pgbench printed no rate:\n" + output);
			}
			Latencies latencies = new Latencies();
			try (Stream<Path> files = Files.list(logs)) {
				for (Path log : files.toList()) {
					try (Stream<String> lines = Files.lines(log)) {
						// client_id transaction_no time_us script_no epoch time_us
						lines.forEach((line) -> latencies.add(Long.parseLong(line.split(" ")[2]) * 1000));
					}
				}
			}
			return new Result(Double.parseDouble(tps.group(1)), latencies);
		}
		finally {
			try (Stream<Path> files = Files.list(logs)) {
				for (Path log : files.toList()) {
					Files.delete(log);
				}
			}
			Files.delete(logs);
		}
	}

}
