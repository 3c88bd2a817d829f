package com.phoneverify.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

/**
 * {@code scripts/bench.sh}: with devstack running, measures in one run (in this order, so
 * the HTTP load's backlog of calls does not delay the call measurement):
 * <ol>
 * <li>completed calls per second: N Type A verifications answered by the phone
 * simulator;</li>
 * <li>pgbench running the gateway's accepted-request transaction against the same
 * PostgreSQL;</li>
 * <li>accepted signed {@code POST /v1/ars-verifications} per second with p50/p99
 * latency;</li>
 * </ol>
 * and prints a Markdown table with our rate as a ratio of pgbench's.
 */
public final class Benchmark {

	private Benchmark() {
	}

	public static void main(String[] args) throws Exception {
		int concurrency = Integer.getInteger("bench.concurrency", 16);
		Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
		int calls = Integer.getInteger("bench.calls", 60);
		Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath();
		Credentials credentials = Credentials.fromDevstack(repo.resolve(".devstack/merchant.env"));

		System.out.printf("calls: %d Type A verifications...%n", calls);
		CallThroughput.Result callResult = new CallThroughput(credentials).run(calls, Duration.ofMinutes(5));

		System.out.printf("pgbench: %d clients, %d s...%n", concurrency, duration.toSeconds());
		Pgbench pgbench = new Pgbench("127.0.0.1", Integer.getInteger("bench.pg-port", 15432), "gateway_service");
		pgbench.prepare();
		Pgbench.Result database = pgbench
			.run(repo.resolve("gateway-service/src/main/resources/bench/accepted-request.sql"), concurrency, duration);

		System.out.printf("HTTP: %d clients, %d s after a %d s warm-up...%n", concurrency, duration.toSeconds(), 10);
		HttpLoad.Result http = new HttpLoad(credentials, concurrency).run(concurrency, Duration.ofSeconds(10),
				duration);

		String table = table(concurrency, duration, callResult, database, http);
		System.out.println(table);
		Files.writeString(repo.resolve("bench/results.md"), table);
	}

	private static String table(int concurrency, Duration duration, CallThroughput.Result calls,
			Pgbench.Result database, HttpLoad.Result http) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("Run %s on %s, %d cores, %s; %d concurrent clients, %d s each.%n%n", LocalDate.now(),
				System.getProperty("os.name") + " " + System.getProperty("os.arch"),
				Runtime.getRuntime().availableProcessors(), "Java " + System.getProperty("java.version"), concurrency,
				duration.toSeconds()));
		out.append("| measurement | rate | p50 | p99 | ratio to pgbench |\n");
		out.append("| --- | ---: | ---: | ---: | ---: |\n");
		out.append(
				String.format("| pgbench, the accepted-request transaction | %.0f tx/s | %.2f ms | %.2f ms | 100%% |%n",
						database.transactionsPerSecond(), database.latencies().percentileMillis(0.50),
						database.latencies().percentileMillis(0.99)));
		out.append(String.format(
				"| signed POST /v1/ars-verifications, accepted (201) | %.0f req/s | %.2f ms | %.2f ms | %.0f%% |%n",
				http.perSecond(), http.latencies().percentileMillis(0.50), http.latencies().percentileMillis(0.99),
				100 * http.perSecond() / database.transactionsPerSecond()));
		out.append(String.format("| completed Type A calls (phone simulator answers) | %.2f calls/s | | | |%n",
				calls.perSecond()));
		out.append(
				String.format("%n%d of %d calls answered and read out; %d requests not accepted during the HTTP run.%n",
						calls.answered(), calls.calls(), http.rejected()));
		return out.toString();
	}

}
