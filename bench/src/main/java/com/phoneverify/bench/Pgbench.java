package com.phoneverify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs Debian's pgbench with the gateway's own accepted-request transaction
 * ({@code gateway-service/src/main/resources/bench/accepted-request.sql}) against a copy
 * of the gateway's schema in the same PostgreSQL server, so the rows it commits never
 * reach the outbox relay of the running gateway.
 */
final class Pgbench {

	record Result(double transactionsPerSecond, Latencies latencies) {
	}

	private final String host;

	private final int port;

	private final String sourceDatabase;

	private final String benchDatabase = "pgbench_gateway_copy";

	Pgbench(String host, int port, String sourceDatabase) {
		this.host = host;
		this.port = port;
		this.sourceDatabase = sourceDatabase;
	}

	/**
	 * A fresh copy of the gateway's schema and its merchants, for pgbench to write into.
	 */
	void prepare() throws IOException, InterruptedException {
		psql("postgres", "DROP DATABASE IF EXISTS " + this.benchDatabase);
		psql("postgres", "CREATE DATABASE " + this.benchDatabase);
		shell("pg_dump -h " + this.host + " -p " + this.port + " -U postgres --schema-only " + this.sourceDatabase
				+ " | psql -q -v ON_ERROR_STOP=1 -h " + this.host + " -p " + this.port + " -U postgres "
				+ this.benchDatabase);
	}

	Result run(Path script, int clients, Duration duration) throws IOException, InterruptedException {
		Path logs = Files.createTempDirectory("pgbench-logs");
		String output = shell("cd " + logs + " && pgbench -n -h " + this.host + " -p " + this.port + " -U postgres -c "
				+ clients + " -j 2 -T " + duration.toSeconds() + " -l -f " + script.toAbsolutePath() + " "
				+ this.benchDatabase);
		Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
		if (!tps.find()) {
			throw new IllegalStateException("pgbench printed no rate:\n" + output);
		}
		Latencies latencies = new Latencies();
		try (Stream<Path> files = Files.list(logs)) {
			for (Path log : files.toList()) {
				for (String line : Files.readAllLines(log)) {
					String[] fields = line.split(" ");
					latencies.add(Long.parseLong(fields[2]) * 1000);
				}
			}
		}
		return new Result(Double.parseDouble(tps.group(1)), latencies);
	}

	private void psql(String database, String sql) throws IOException, InterruptedException {
		shell("psql -q -v ON_ERROR_STOP=1 -h " + this.host + " -p " + this.port + " -U postgres -d " + database
				+ " -c \"" + sql + "\"");
	}

	private static String shell(String command) throws IOException, InterruptedException {
		List<String> argv = new ArrayList<>(List.of("bash", "-o", "pipefail", "-c", command));
		ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", "postgres");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("failed: " + command + "\n" + output);
		}
		return output;
	}

}
