package com.phoneverify.gateway.ars.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.phoneverify.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pgbench script runs the accepted request's statement: same tables and columns, and
 * it executes against the migrated schema.
 */
class AcceptedRequestBenchScriptIntegrationTests extends GatewayIntegrationTest {

	/**
	 * pgbench takes every {@code :name} outside a cast for a variable, even inside a
	 * string ({@code "challengeKey":null} in the JSON): in prepared mode the statement
	 * then has fewer parameters than pgbench binds, and every transaction fails.
	 */
	@Test
	void benchScriptNamesOnlyItsOwnVariables() throws IOException {
		String script = script();
		java.util.Set<String> declared = script.lines()
			.filter((line) -> line.startsWith("\\set "))
			.map((line) -> line.split("\\s+")[1])
			.collect(Collectors.toSet());
		java.util.regex.Matcher names = java.util.regex.Pattern.compile("(?<!:):([a-zA-Z_][a-zA-Z0-9_]*)")
			.matcher(script.lines().filter((line) -> !line.startsWith("--")).collect(Collectors.joining("\n")));
		java.util.List<String> used = new java.util.ArrayList<>();
		while (names.find()) {
			used.add(names.group(1));
		}
		assertThat(declared).containsExactlyInAnyOrder("hi", "lo", "nonce", "destination");
		assertThat(used).isNotEmpty().allMatch(declared::contains, "a declared variable");
	}

	@Test
	void benchScriptRunsTheAcceptedRequestStatementAgainstTheSchema() throws IOException {
		String script = script();
		for (String insert : new String[] { "INSERT INTO gateway.request_nonces (key_id, nonce, expires_at)",
				"INSERT INTO gateway.outbox (topic, message_key, payload, traceparent)" }) {
			assertThat(normalise(script)).contains(insert);
			assertThat(normalise(ArsVerificationRepository.INSERT_ACCEPTED)).contains(insert);
		}
		// the per-number limit counts the same rows on both sides
		String usage = "FROM gateway.ars_verifications a JOIN gateway.verifications v USING (id)";
		assertThat(normalise(script)).contains(usage);
		assertThat(normalise(ArsVerificationRepository.INSERT_ACCEPTED_BATCH)).contains(usage);
		for (String table : new String[] { "INSERT INTO gateway.verifications (",
				"INSERT INTO gateway.ars_verifications (" }) {
			String columns = between(normalise(ArsVerificationRepository.INSERT_ACCEPTED), table, ")");
			assertThat(between(normalise(script), table, ")")).isEqualTo(columns);
		}

		long hi = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		long lo = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		String sql = script.lines()
			.filter((line) -> !line.startsWith("--") && !line.startsWith("\\set"))
			.collect(Collectors.joining("\n"))
			.replace(":hi", Long.toString(hi))
			.replace(":lo", Long.toString(lo))
			.replace(":nonce", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)))
			.replace(":destination", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)));
		StepVerifier.create(this.db.sql(sql).fetch().rowsUpdated()).expectNext(1L).verifyComplete();
		UUID id = UUID.fromString(String.format("%016x%016x", hi, lo)
			.replaceFirst("(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}+)",
					"$1-$2-$3-$4-$5"));
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE id = $1", id)).isOne();
		this.db.sql("DELETE FROM gateway.outbox WHERE message_key = $1")
			.bind(0, String.format("%016x%016x", hi, lo))
			.then()
			.block();
	}

	private static String script() throws IOException {
		try (InputStream in = AcceptedRequestBenchScriptIntegrationTests.class
			.getResourceAsStream("/bench/accepted-request.sql")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String normalise(String sql) {
		return sql.replaceAll("\\s+", " ");
	}

	private static String between(String text, String start, String end) {
		int from = text.indexOf(start) + start.length();
		return text.substring(from, text.indexOf(end, from));
	}

}
