package com.phoneverify.bench;

import java.io.IOException;
import java.util.List;

/**
 * The PostgreSQL server under test, reached with the Debian client tools ({@code psql},
 * {@code pg_dump}, {@code pgbench}) as user postgres.
 */
record Psql(String host, int port) {

	/** The single value a query returns, as text. */
	String query(String database, String sql) throws IOException, InterruptedException {
		return shell("psql -X -q -A -t -v ON_ERROR_STOP=1 " + connection() + " -d " + database + " -c \"" + sql + "\"")
			.strip();
	}

	/** {@code -h … -p … -U postgres} */
	String connection() {
		return "-h " + this.host + " -p " + this.port + " -U postgres";
	}

	/** Writes dirty pages now, so neither side of a comparison pays for the other's. */
	void checkpoint() throws IOException, InterruptedException {
		query("postgres", "CHECKPOINT");
	}

	/** Runs a shell command with the password set; fails with its output if it fails. */
	static String shell(String command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-o", "pipefail", "-c", command))
			.redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", "postgres");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("failed: " + command + "\n" + output);
		}
		return output;
	}

}
