package com.phoneverify.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

import com.phoneverify.otp.algorithm.HmacAlgorithm;
import com.phoneverify.otp.algorithm.Hotp;

/**
 * Signed {@code POST /v1/otp/verifications} of right HOTP codes (a 200 saying
 * {@code "verified"} counts) against pgbench running otp-service's
 * {@code bench/verification.sql} (the gateway's nonce, then otp-service's transaction per
 * attempt).
 *
 * <p>
 * Each client is one customer with its own hardware token, devstack's registry device
 * {@code 01/BENCH<n>} (HOTP, SHA-1, 6 digits, RFC 4226's test seed), and sends the code
 * of the token's next counter: every verification succeeds, so no token ever locks, and
 * no two clients wait for one customer's row lock. A lost answer leaves the server's
 * counter ahead by one, which the look-ahead window absorbs on the next code.
 */
final class OtpWorkload implements Workload {

	/**
	 * The pgbench database: otp-service's schema, the gateway's nonces, the customers.
	 */
	static final String COPY = "pgbench_otp_copy";

	/** RFC 4226 Appendix D's secret: the seed of devstack's demo and bench devices. */
	private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private final String otpDatabase;

	private final String gatewayDatabase;

	private long[] nextCounter = new long[0];

	OtpWorkload(String otpDatabase, String gatewayDatabase) {
		this.otpDatabase = otpDatabase;
		this.gatewayDatabase = gatewayDatabase;
	}

	@Override
	public String title() {
		return "signed OTP verifications against pgbench";
	}

	@Override
	public String path() {
		return "/v1/otp/verifications";
	}

	@Override
	public byte[] nextBody(int client) {
		String code = Hotp.generate(SEED, this.nextCounter[client]++, 6, HmacAlgorithm.SHA1);
		return ("{\"realNameId\":\"" + realNameId(client) + "\",\"tokenKind\":\"HARDWARE\",\"code\":\"" + code
				+ "\",\"actor\":\"bench\",\"channel\":\"ONLINE\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public boolean counts(int status, byte[] body) {
		return status == 200 && new String(body, StandardCharsets.UTF_8).contains("\"result\":\"verified\"");
	}

	/**
	 * Registers client n's device {@code 01/BENCH<n+1>} for its customer at the branch
	 * (cancelling the registration of an earlier run first, so the counter starts at 0)
	 * and resets its error count.
	 */
	@Override
	public void prepareHttp(HttpLoad load, int clients) throws IOException {
		this.nextCounter = new long[clients];
		for (int client = 0; client < clients; client++) {
			byte[] device = device(client, "BRANCH");
			HttpLoad.Answer registered = load.post("/v1/otp/hardware-tokens", device);
			if (registered.status() == 409) {
				expect(load.post("/v1/otp/hardware-tokens/cancel", device), 200, "cancel", client);
				registered = load.post("/v1/otp/hardware-tokens", device);
			}
			expect(registered, 201, "register", client);
			expect(load.post("/v1/otp/hardware-tokens/reset-errors", device(client, "ONLINE")), 200, "reset errors",
					client);
		}
	}

	private static void expect(HttpLoad.Answer answer, int status, String what, int client) {
		if (answer.status() != status) {
			throw new IllegalStateException("could not " + what + " the OTP of bench client " + client + " ("
					+ serial(client) + "; devstack knows " + "01/BENCH00001 to 01/BENCH00064): " + answer.status() + " "
					+ answer.text());
		}
	}

	private static byte[] device(int client, String channel) {
		return ("{\"realNameId\":\"" + realNameId(client)
				+ "\",\"customerKind\":\"DOMESTIC_INDIVIDUAL\",\"vendorCode\":\"01\",\"serial\":\"" + serial(client)
				+ "\",\"actor\":\"bench\",\"channel\":\"" + channel + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static String realNameId(int client) {
		return String.format("7701011%06d", client);
	}

	private static String serial(int client) {
		return String.format("BENCH%05d", client + 1);
	}

	@Override
	public Path pgbenchScript(Path repo) {
		return repo.resolve("otp-service/src/main/resources/bench/verification.sql");
	}

	/**
	 * A copy of otp-service's schema (and the gateway's nonce table) with one customer
	 * {@code bench-<n>} and one live hardware token per pgbench client, the token's
	 * secret sealed in a row of the real size (pgbench never opens it).
	 */
	@Override
	public String preparePgbench(Psql server, int clients) throws IOException, InterruptedException {
		server.query("postgres", "DROP DATABASE IF EXISTS " + COPY);
		server.query("postgres", "CREATE DATABASE " + COPY);
		Psql.shell("pg_dump " + server.connection() + " --schema-only " + this.otpDatabase
				+ " | psql -X -q -v ON_ERROR_STOP=1 " + server.connection() + " " + COPY);
		server.query(COPY, "CREATE SCHEMA gateway");
		Psql.shell("pg_dump " + server.connection() + " --schema-only -t gateway.request_nonces " + this.gatewayDatabase
				+ " | psql -X -q -v ON_ERROR_STOP=1 " + server.connection() + " " + COPY);
		String ciphertext = HexFormat.of().formatHex(new byte[44]);
		server.query(COPY, "INSERT INTO otp.customers (customer_key, kind) SELECT 'bench-' || n, "
				+ "'DOMESTIC_INDIVIDUAL' FROM generate_series(0, " + (clients - 1) + ") n");
		server.query(COPY, "INSERT INTO otp.tokens (id, customer_key, kind, vendor_code, serial, time_based, "
				+ "algorithm, digits, step_seconds, secret_key_id, secret_nonce, secret_ciphertext, moving_factor, "
				+ "status, warranty_from, warranty_until, created_at) SELECT gen_random_uuid(), 'bench-' || n, "
				+ "'HARDWARE', '01', 'BENCH' || lpad((n + 1)::text, 5, '0'), false, 'SHA1', 6, 0, 'devstack', "
				+ "'q83vEjRWeJCrze8S', '" + ciphertext + "', 0, 'ACTIVE', current_date, current_date + 1095, now() "
				+ "FROM generate_series(0, " + (clients - 1) + ") n");
		return COPY;
	}

	/** A verification leaves nothing behind for a relay: nothing to wait for. */
	@Override
	public void settle(Psql server) {
	}

	@Override
	public String pgbenchRow() {
		return "pgbench `verification.sql` | what one verification commits when alone: the gateway's nonce "
				+ "(one statement), then otp-service's transaction (customer row lock, token, moving factor, "
				+ "audit row)";
	}

	@Override
	public String httpRow() {
		return "signed `POST /v1/otp/verifications` | one `verified` answer (gateway → otp-service), sent after "
				+ "its rows were committed";
	}

}
