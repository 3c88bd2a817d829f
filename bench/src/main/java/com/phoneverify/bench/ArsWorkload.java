package com.phoneverify.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Signed {@code POST /v1/ars-verifications} (201 counts) against pgbench running the
 * gateway's {@code accepted-request.sql} in a copy of the gateway's schema, so the rows
 * it commits never reach the outbox relay of the running gateway.
 */
final class ArsWorkload implements Workload {

	static final String COPY = "pgbench_gateway_copy";

	private final String gatewayDatabase;

	ArsWorkload(String gatewayDatabase) {
		this.gatewayDatabase = gatewayDatabase;
	}

	@Override
	public String title() {
		return "accepted requests against pgbench";
	}

	@Override
	public String path() {
		return "/v1/ars-verifications";
	}

	@Override
	public byte[] nextBody(int client) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		// Answering numbers: against devstack each verification becomes a real call.
		String phone = "010-" + random.nextInt(2000, 9000) + "-" + random.nextInt(1000, 9000);
		return ("{\"type\":\"A\",\"phone\":\"" + phone + "\"}").getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public boolean counts(int status, byte[] body) {
		return status == 201;
	}

	@Override
	public void prepareHttp(HttpLoad load, int clients) {
		// every request stands alone
	}

	@Override
	public Path pgbenchScript(Path repo) {
		return repo.resolve("gateway-service/src/main/resources/bench/accepted-request.sql");
	}

	@Override
	public String preparePgbench(Psql server, int clients) throws IOException, InterruptedException {
		server.query("postgres", "DROP DATABASE IF EXISTS " + COPY);
		server.query("postgres", "CREATE DATABASE " + COPY);
		Psql.shell("pg_dump " + server.connection() + " --schema-only " + this.gatewayDatabase
				+ " | psql -X -q -v ON_ERROR_STOP=1 " + server.connection() + " " + COPY);
		return COPY;
	}

	/** Waits (up to 60 s) until the gateway's relay has published every outbox row. */
	@Override
	public void settle(Psql server) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline
				&& !server.query(this.gatewayDatabase, "SELECT count(*) FROM gateway.outbox").equals("0")) {
			Thread.sleep(200);
		}
	}

	@Override
	public String pgbenchRow() {
		return "pgbench `accepted-request.sql` | one transaction: what one accepted request commits when "
				+ "alone (nonce, verification, ARS details, outbox row; one statement)";
	}

	@Override
	public String httpRow() {
		return "signed `POST /v1/ars-verifications` | one 201 answer, sent after its rows were committed";
	}

}
