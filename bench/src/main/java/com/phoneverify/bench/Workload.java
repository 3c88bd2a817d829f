package com.phoneverify.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What one run measures: the signed request the HTTP clients send and how its answer
 * counts, and the pgbench script that commits what one such request commits, with the
 * database it runs against. {@link ArsWorkload} ({@code -Dbench.workload=ars}, the
 * default) and {@link OtpWorkload} ({@code otp}).
 */
interface Workload {

	/** The report's title. */
	String title();

	/** The request path, e.g. {@code /v1/ars-verifications}. */
	String path();

	/**
	 * The next request body of client {@code client} (0 … concurrency − 1). Each client
	 * calls it from its own thread only.
	 */
	byte[] nextBody(int client);

	/** Whether an answer counts as a unit of work done (else "not accepted"). */
	boolean counts(int status, byte[] body);

	/**
	 * Called once before the warm-up: whatever the clients need to exist first, sent
	 * through {@code load} ({@link HttpLoad#post}).
	 */
	void prepareHttp(HttpLoad load, int clients) throws IOException;

	/** The pgbench script, under the repository root. */
	Path pgbenchScript(Path repo);

	/** Creates (again) the database pgbench writes into; returns its name. */
	String preparePgbench(Psql server, int clients) throws IOException, InterruptedException;

	/**
	 * Waits until the services finished what the last measurement left behind (an
	 * outbox), so the next one starts clean.
	 */
	void settle(Psql server) throws IOException, InterruptedException;

	/** The report's pgbench row: the script's name, what one transaction is. */
	String pgbenchRow();

	/** The report's HTTP row: the request, what one unit is. */
	String httpRow();

}
