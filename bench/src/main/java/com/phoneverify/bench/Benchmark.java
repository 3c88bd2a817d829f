package com.phoneverify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code scripts/bench.sh}: with the gateway running (devstack, or the gateway alone on
 * the embedded infrastructure), measures in one run:
 * <ol>
 * <li>completed calls per second: N Type A verifications answered by the phone simulator
 * (skipped with {@code -Dbench.calls=0}, or when {@code bench.only} is set);</li>
 * <li>after one HTTP warm-up, {@code bench.rounds} rounds of pgbench running the
 * gateway's accepted-request transaction against the same PostgreSQL and of accepted
 * signed {@code POST /v1/ars-verifications}, same clients and duration, alternating which
 * goes first, each after a checkpoint and once the gateway's outbox is drained;</li>
 * </ol>
 * and prints a Markdown report (the median of the rounds, and each round's ratio), also
 * written to {@code bench.out} (default {@code bench/target/results.md}, never a tracked
 * file; the README's table is the documented result).
 *
 * <p>
 * {@code -Dbench.workload=otp} measures signed {@code POST /v1/otp/verifications} against
 * otp-service's {@code verification.sql} instead ({@link OtpWorkload}; no calls).
 *
 * <p>
 * System properties (defaults): {@code bench.workload} ({@code ars} or {@code otp}),
 * {@code bench.concurrency} (16), {@code bench.seconds} (20), {@code bench.warmup}
 * seconds (10), {@code bench.rounds} (3), {@code bench.only} ({@code all}, {@code http}
 * or {@code pgbench}), {@code bench.calls} (60), {@code bench.pg-host} (127.0.0.1),
 * {@code bench.pg-port} (15432), {@code bench.database} (gateway_service),
 * {@code bench.otp-database} (otp_service), {@code bench.notes} (free text for the
 * report, e.g. the gateway's JVM flags), {@code bench.url} (the gateway's URL; default
 * PV_URL of the merchant file), {@code bench.repo} (.), {@code bench.out}
 * ({@code bench/target/results.md} under {@code bench.repo}).
 */
public final class Benchmark {

	private Benchmark() {
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.fromSystemProperties();
		Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath();
		Psql server = new Psql(System.getProperty("bench.pg-host", "127.0.0.1"),
				Integer.getInteger("bench.pg-port", 15432));
		String database = System.getProperty("bench.database", "gateway_service");
		Workload workload = switch (settings.workload()) {
			case "otp" -> new OtpWorkload(System.getProperty("bench.otp-database", "otp_service"), database);
			default -> new ArsWorkload(database);
		};
		boolean http = !settings.only().equals("pgbench");
		boolean pgbench = !settings.only().equals("http");
		boolean measureCalls = settings.calls() > 0 && settings.only().equals("all") && workload instanceof ArsWorkload;
		Credentials credentials = http || measureCalls
				? Credentials.fromDevstack(repo.resolve(".devstack/merchant.env"))
					.withUrl(System.getProperty("bench.url"))
				: null;

		CallThroughput.Result calls = null;
		if (measureCalls) {
			System.out.printf("calls: %d Type A verifications...%n", settings.calls());
			calls = new CallThroughput(credentials).run(settings.calls(), Duration.ofMinutes(5));
		}
		Pgbench pgbenchRunner = new Pgbench(server);
		String pgbenchDatabase = pgbench ? workload.preparePgbench(server, settings.concurrency()) : null;
		Path script = workload.pgbenchScript(repo);
		List<Round> rounds = new ArrayList<>();
		{
			HttpLoad load = http ? new HttpLoad(credentials, settings.concurrency(), workload) : null;
			if (http) {
				workload.prepareHttp(load, settings.concurrency());
				System.out.printf("HTTP warm-up: %d s...%n", settings.warmup().toSeconds());
				load.run(settings.warmup());
			}
			for (int round = 1; round <= settings.rounds(); round++) {
				Pgbench.Result db = null;
				HttpLoad.Result api = null;
				boolean pgbenchFirst = round % 2 == 1;
				for (int phase = 0; phase < 2; phase++) {
					boolean pgbenchNow = (phase == 0) == pgbenchFirst;
					if (pgbenchNow && pgbench) {
						settle(server, workload);
						db = pgbenchRunner.run(script, pgbenchDatabase, settings.concurrency(), settings.duration());
						System.out.printf("round %d pgbench: %.0f tx/s%n", round, db.transactionsPerSecond());
					}
					else if (!pgbenchNow && http) {
						settle(server, workload);
						api = load.run(settings.duration());
						System.out.printf("round %d HTTP: %.0f req/s (%d not accepted), driver %.2f cores%n", round,
								api.perSecond(), api.rejected(), api.driverCores());
					}
				}
				rounds.add(new Round(round, db, api));
			}
		}
		String report = Report.markdown(settings, workload, Machine.current(), serverDescription(server), rounds,
				calls);
		System.out.println(report);
		Path out = repo.resolve(System.getProperty("bench.out", "bench/target/results.md"));
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, report);
		System.out.println("Report written to " + out);
	}

	/**
	 * Waits until the workload's services finished the last measurement's work, then a
	 * checkpoint.
	 */
	private static void settle(Psql server, Workload workload) throws IOException, InterruptedException {
		workload.settle(server);
		server.checkpoint();
	}

	private static String serverDescription(Psql server) throws IOException, InterruptedException {
		return server.query("postgres", "SELECT split_part(version(), ' on ', 1)") + "; " + server.query("postgres",
				"SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings "
						+ "WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'commit_delay', "
						+ "'full_page_writes', 'wal_sync_method')");
	}

	/** The driver's settings, from system properties. */
	record Settings(String workload, int concurrency, Duration duration, Duration warmup, int rounds, String only,
			int calls, String notes) {

		static Settings fromSystemProperties() {
			String only = System.getProperty("bench.only", "all");
			if (!List.of("all", "http", "pgbench").contains(only)) {
				throw new IllegalArgumentException("bench.only must be all, http or pgbench: " + only);
			}
			String workload = System.getProperty("bench.workload", "ars");
			if (!List.of("ars", "otp").contains(workload)) {
				throw new IllegalArgumentException("bench.workload must be ars or otp: " + workload);
			}
			return new Settings(workload, Integer.getInteger("bench.concurrency", 16),
					Duration.ofSeconds(Long.getLong("bench.seconds", 20)),
					Duration.ofSeconds(Long.getLong("bench.warmup", 10)), Integer.getInteger("bench.rounds", 3), only,
					Integer.getInteger("bench.calls", 60), System.getProperty("bench.notes", ""));
		}

	}

	/** One round: pgbench and HTTP back to back; either may be absent. */
	record Round(int number, Pgbench.Result database, HttpLoad.Result http) {

		double ratio() {
			return this.http.perSecond() / this.database.transactionsPerSecond();
		}

	}

	/** Renders the Markdown report. */
	static final class Report {

		private Report() {
		}

		static String markdown(Settings settings, Workload workload, Machine machine, String server, List<Round> rounds,
				CallThroughput.Result calls) {
			List<Round> db = rounds.stream().filter((round) -> round.database() != null).toList();
			List<Round> api = rounds.stream().filter((round) -> round.http() != null).toList();
			StringBuilder out = new StringBuilder("# Benchmark: " + workload.title() + "\n\n");
			out.append(String.format("Run %s. Machine: %s, %d cores, %d GiB RAM, %s, %s.%n",
					ZonedDateTime.now()
						.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(java.time.ZoneOffset.UTC))
						.substring(0, 16) + "Z",
					machine.cpu(), machine.cores(), machine.ramGiB(), machine.os(), machine.java()));
			out.append(String.format("PostgreSQL: %s.%n", server));
			out.append(String.format(
					"Settings: %d concurrent clients on both sides, %d s per measurement, %d round(s) after a %d s "
							+ "HTTP warm-up, pgbench `-M prepared -j 2`, HTTP driver: one thread and keep-alive "
							+ "connection per client (same machine).%s%n%n",
					settings.concurrency(), settings.duration().toSeconds(), settings.rounds(),
					settings.warmup().toSeconds(), settings.notes().isEmpty() ? "" : " " + settings.notes()));
			out.append("Median of the rounds:\n\n");
			out.append("| measurement | what one unit is | rate | p50 | p99 | ratio to pgbench |\n");
			out.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
			if (!db.isEmpty()) {
				out.append(String.format("| " + workload.pgbenchRow() + " | %.0f tx/s | %.2f ms | %.2f ms | 100%% |%n",
						median(db, (round) -> round.database().transactionsPerSecond()),
						median(db, (round) -> round.database().latencies().percentileMillis(0.50)),
						median(db, (round) -> round.database().latencies().percentileMillis(0.99))));
			}
			if (!api.isEmpty()) {
				List<Round> both = rounds.stream()
					.filter((round) -> round.database() != null && round.http() != null)
					.toList();
				out.append(String.format("| " + workload.httpRow() + " | %.0f req/s | %.2f ms | %.2f ms | %s |%n",
						median(api, (round) -> round.http().perSecond()),
						median(api, (round) -> round.http().latencies().percentileMillis(0.50)),
						median(api, (round) -> round.http().latencies().percentileMillis(0.99)),
						both.isEmpty() ? "" : String.format("**%.0f%%**", 100 * median(both, Round::ratio))));
			}
			if (calls != null) {
				out.append(String.format(
						"| completed Type A calls | one call answered by the phone simulator and ended | %.2f calls/s | | | |%n",
						calls.perSecond()));
			}
			else if (workload instanceof ArsWorkload) {
				out.append("| completed Type A calls | | not measured (`-Dbench.calls=0` or `bench.only`) | | | |\n");
			}
			out.append("\nEach round (pgbench and HTTP back to back, alternating which goes first):\n\n");
			out.append(
					"| round | pgbench tx/s | p50 | p99 | HTTP req/s | p50 | p99 | ratio | not accepted | driver CPU |\n");
			out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
			for (Round round : rounds) {
				Pgbench.Result d = round.database();
				HttpLoad.Result h = round.http();
				out.append(String.format("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", round.number(),
						(d != null) ? String.format("%.0f", d.transactionsPerSecond()) : "",
						(d != null) ? String.format("%.2f ms", d.latencies().percentileMillis(0.50)) : "",
						(d != null) ? String.format("%.2f ms", d.latencies().percentileMillis(0.99)) : "",
						(h != null) ? String.format("%.0f", h.perSecond()) : "",
						(h != null) ? String.format("%.2f ms", h.latencies().percentileMillis(0.50)) : "",
						(h != null) ? String.format("%.2f ms", h.latencies().percentileMillis(0.99)) : "",
						(d != null && h != null) ? String.format("%.0f%%", 100 * round.ratio()) : "",
						(h != null) ? Long.toString(h.rejected()) : "",
						(h != null) ? String.format("%.2f cores", h.driverCores()) : ""));
			}
			if (calls != null) {
				out.append(String.format("%n%d of %d calls answered and read out.%n", calls.answered(), calls.calls()));
			}
			return out.toString();
		}

		private static double median(List<Round> rounds, ToDoubleFunction<Round> metric) {
			double[] values = rounds.stream().mapToDouble(metric).sorted().toArray();
			int middle = values.length / 2;
			return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
		}

	}

}
