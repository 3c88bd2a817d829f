package com.phoneverify.interop.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.phoneverify.transfer.evidence.VerifyEvidence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, "executed exactly once even when consent-replied arrives twice or services
 * restart", with real crashes: PostgreSQL, the KRaft broker, sms-relay-service and
 * transfer-consent-service each run as a process of their own; the SMSC and telco
 * simulators (the outside world) in the test's JVM. Under a steady stream of
 * PHISHING_GUARD transfers, whose recipients answer each consent SMS with its code over
 * SMPP (two in three twice), transfer-consent-service is killed with SIGKILL and started
 * again, then sms-relay-service. Every accepted transfer must end; none may be settled
 * twice or moved otherwise than its state says; the ledger must balance; every executed
 * transfer's evidence must verify; every remitter must be told each result; and no
 * process may log a phone number in clear. Transfers that expire are counted, and must
 * have lived through an outage.
 */
class TransferKillIT {

	/** Seconds of load between one process's return and the next kill. */
	private static final Duration SETTLE = Duration.ofSeconds(8);

	/**
	 * The recipient's time to reply: short, so that transfers whose SMS could not move
	 * while a service was down end within the run; long enough to outlast a restart.
	 */
	private static final Duration CONSENT_EXPIRY = Duration.ofSeconds(6);

	/**
	 * How long after the expiry the sweep leaves a transfer for replies received in time
	 * but not yet consumed (the service was down, its consumers rejoining): longer than
	 * an outage here.
	 */
	private static final Duration EXPIRY_GRACE = Duration.ofSeconds(25);

	/**
	 * After a service is back: time to rejoin its consumer groups (the killed member's 10
	 * s session) and work off the backlog, during which a transfer may still expire.
	 */
	private static final Duration CATCH_UP = Duration.ofSeconds(20);

	private static final int PAIRS = 40;

	/** An outage: from the kill until the service answered ready again. */
	record Outage(String what, Instant killed, Instant back) {

		boolean overlaps(Instant from, Instant to) {
			return !from.isAfter(this.back.plus(CATCH_UP)) && !to.isBefore(this.killed);
		}

	}

	@Test
	void everyConsentedTransferExecutesOnceAndTheLedgerBalancesThroughKillsOfTheServiceAndTheRelay() throws Exception {
		try (TransferCluster cluster = new TransferCluster("transfer-kill")) {
			Cluster.Service relay = cluster.addRelay(Map.of());
			Cluster.Service transfers = cluster.addTransferService(Map.of(
					// PBKDF2 at its floor: the run measures crashes, not password hashing
					"transfer.authentication.iterations", 1000, "transfer.consent.expiry",
					CONSENT_EXPIRY.toSeconds() + "s", "transfer.consent.sweep-interval", "2s",
					"transfer.consent.expiry-grace", EXPIRY_GRACE.toSeconds() + "s",
					// no ars-call-service in this run
					"transfer.consent.ars-fallback-after", "0s"));
			relay.awaitReady();
			transfers.awaitReady();
			try (TransferLoad load = new TransferLoad(transfers.url(), cluster.smsc(), PAIRS, Duration.ofMillis(250))) {
				load.openAccounts(cluster.telco());
				Instant loadStarted = Instant.now();
				load.start();
				JavaProcess.sleep(SETTLE);
				List<Outage> outages = new ArrayList<>();
				outages.add(killAndRestart(load, "transfer service", transfers));
				outages.add(killAndRestart(load, "SMS relay", relay));
				load.stopRequests();
				Instant loadStopped = Instant.now();

				TransferBook book = new TransferBook(cluster.postgres());
				List<TransferBook.Row> rows = awaitAllFinal(book,
						CONSENT_EXPIRY.plus(EXPIRY_GRACE).plus(Duration.ofSeconds(60)));
				Map<String, Integer> results = awaitResultMessages(load, rows, Duration.ofSeconds(30));
				TransferBook.Invariants ledger = book.invariants();
				List<TransferBook.Row> evidenceFailing = evidenceThatDoesNotVerify(load, rows);
				List<String> clearNumbers = LogScan.linesWithAnyInClear(cluster.directory(),
						load.pairs()
							.stream()
							.flatMap(pair -> Stream.of(pair.remitterPhone(), pair.recipientPhone()))
							// LogScan compares the last eight digits
							.map(phone -> phone.replaceAll("\\D", ""))
							.toList());

				System.out.println(table(load, rows, results, ledger, evidenceFailing, outages,
						Duration.between(loadStarted, loadStopped)));

				Set<String> stored = rows.stream().map(TransferBook.Row::id).collect(Collectors.toSet());
				assertThat(load.accepted()).as("accepted transfers").hasSizeGreaterThan(40);
				assertThat(load.accepted()).as("accepted (202), yet not stored")
					.filteredOn(accepted -> !stored.contains(accepted.id()))
					.isEmpty();
				assertThat(where(rows, row -> !row.isFinal())).as("never final").isEmpty();
				assertThat(where(rows, row -> row.settles() > 1)).as("settled twice").isEmpty();
				assertThat(where(rows, row -> row.codesAccepted() > 1)).as("code accepted twice").isEmpty();
				assertThat(where(rows,
						row -> load.consent(row.amount()) != null && load.consent(row.amount()).reworded()
								&& row.replies() >= 2))
					.as("a second consent-replied reached the service (the state guard is exercised)")
					.isNotEmpty();
				assertThat(where(rows, row -> !row.postingsAgree())).as("postings disagreeing with the state")
					.isEmpty();
				assertThat(where(rows, row -> row.evidence() != 1)).as("not exactly one evidence document").isEmpty();
				assertThat(ledger.hold()).as("ledger invariants: " + ledger).isTrue();
				assertThat(where(rows, row -> row.state().equals("executed"))).as("executed")
					.hasSizeGreaterThan(rows.size() / 2);
				assertThat(where(rows, row -> !row.state().equals("executed") && !timedOut(row)))
					.as("ended otherwise than executed, expired, or failed as its consent SMS expired unsent")
					.isEmpty();
				assertThat(where(rows, TransferKillIT::timedOut))
					.as("timed out, though no outage touched their consent window")
					.allSatisfy(row -> assertThat(outages).anySatisfy(
							outage -> assertThat(outage.overlaps(row.requestedAt(), row.expiresAt())).isTrue()));
				assertThat(where(rows, row -> row.inTimeRepliesIgnored() > 0))
					.as("expired, though the relay had received the right code before the expiry")
					.isEmpty();
				assertThat(evidenceFailing).as("executed, yet their evidence does not verify").isEmpty();
				assertThat(where(rows, row -> results.get(row.id()) == 0)).as("remitter never told the result")
					.isEmpty();
				assertThat(clearNumbers).as("service log lines with a phone number in clear").isEmpty();
			}
		}
	}

	/**
	 * Not executed for want of time: expired (no reply in time), or failed because the
	 * relay could not send its consent SMS before the expiry (sms-status
	 * {@code expired}).
	 */
	private static boolean timedOut(TransferBook.Row row) {
		return row.state().equals("expired")
				|| (row.state().equals("failed") && "consent_sms_expired".equals(row.reason()));
	}

	private static Outage killAndRestart(TransferLoad load, String what, Cluster.Service service) {
		Instant killed = Instant.now();
		load.phase(what + " down");
		service.kill();
		JavaProcess.sleep(Duration.ofSeconds(2));
		service.restart();
		Instant back = Instant.now();
		load.phase(what + " back");
		System.out.printf("[faults] killed -9 and restarted the %s: back after %d ms%n", what,
				Duration.between(killed, back).toMillis());
		JavaProcess.sleep(SETTLE);
		return new Outage(what, killed, back);
	}

	/** Every stored transfer once none awaits anything any more (or the timeout). */
	private static List<TransferBook.Row> awaitAllFinal(TransferBook book, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<TransferBook.Row> rows = book.transfers();
		while (rows.stream().anyMatch(row -> !row.isFinal()) && System.nanoTime() < deadline) {
			JavaProcess.sleep(Duration.ofSeconds(1));
			rows = book.transfers();
		}
		return rows;
	}

	/**
	 * Transfer id → result SMS at its remitter's handset, once every final transfer has
	 * one (or the timeout), and a few seconds more for late duplicates.
	 */
	private static Map<String, Integer> awaitResultMessages(TransferLoad load, List<TransferBook.Row> rows,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Integer> results = resultMessages(load, rows);
		while (results.containsValue(0) && System.nanoTime() < deadline) {
			JavaProcess.sleep(Duration.ofSeconds(1));
			results = resultMessages(load, rows);
		}
		JavaProcess.sleep(Duration.ofSeconds(3));
		return resultMessages(load, rows);
	}

	private static Map<String, Integer> resultMessages(TransferLoad load, List<TransferBook.Row> rows) {
		Map<String, Integer> results = new LinkedHashMap<>();
		rows.forEach(row -> results.put(row.id(), load.resultMessages(load.pairOf(row.amount()), row.amount())));
		return results;
	}

	/**
	 * The executed transfers whose evidence file, fetched as a merchant would and checked
	 * with the documented verifier (as transfer-consent-service's
	 * {@code EvidenceFiles.verify}), does not verify.
	 */
	private static List<TransferBook.Row> evidenceThatDoesNotVerify(TransferLoad load, List<TransferBook.Row> rows)
			throws IOException {
		Path dir = Files.createTempDirectory("evidence");
		Path key = Files.writeString(dir.resolve("key.pem"), load.get("/v1/evidence/public-key"));
		List<TransferBook.Row> failing = new ArrayList<>();
		for (TransferBook.Row row : where(rows, row -> row.state().equals("executed"))) {
			Path document = Files.writeString(dir.resolve(row.id() + ".json"),
					load.get("/v1/transfers/" + row.id() + "/evidence"), StandardCharsets.UTF_8);
			int status = VerifyEvidence.run(new String[] { key.toString(), document.toString() },
					new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
			if (status != 0) {
				failing.add(row);
			}
		}
		return failing;
	}

	private static String table(TransferLoad load, List<TransferBook.Row> rows, Map<String, Integer> results,
			TransferBook.Invariants ledger, List<TransferBook.Row> evidenceFailing, List<Outage> outages,
			Duration loadTime) {
		Set<String> accepted = load.accepted().stream().map(TransferLoad.Accepted::id).collect(Collectors.toSet());
		List<TransferBook.Row> expired = where(rows, TransferKillIT::timedOut);
		StringBuilder table = new StringBuilder();
		table.append("\n==== kill -9 under 2-WAY load: transfer-consent-service, then sms-relay-service ====\n");
		outages.forEach(outage -> row(table, outage.what() + " down (kill to ready), ms",
				Duration.between(outage.killed(), outage.back()).toMillis()));
		row(table, "load, s", loadTime.toSeconds());
		row(table, "transfers asked for", load.sent());
		row(table, "answers by HTTP status (0 = none)", load.answers());
		row(table, "accepted (202)", accepted.size());
		load.accepted()
			.stream()
			.collect(Collectors.groupingBy(TransferLoad.Accepted::phase, LinkedHashMap::new, Collectors.counting()))
			.forEach((phase, count) -> row(table, "  accepted while " + phase, count));
		row(table, "stored transfers", rows.size());
		row(table, "stored, though the request got no 202", where(rows, row -> !accepted.contains(row.id())).size());
		row(table, "final states",
				new TreeMap<>(rows.stream()
					.collect(Collectors.groupingBy(
							row -> row.state() + ((row.reason() != null) ? "/" + row.reason() : ""),
							Collectors.counting()))));
		row(table, "never final", where(rows, row -> !row.isFinal()).size());
		row(table, "timed out: no consent SMS reached the handset",
				where(expired, row -> load.consent(row.amount()) == null).size());
		row(table, "timed out: consent SMS came, reply sent",
				where(expired, row -> load.consent(row.amount()) != null).size());
		row(table, "expired, though the relay received their code in time",
				where(expired, row -> row.inTimeRepliesIgnored() > 0).size());
		row(table, "timed out without an outage in their window", where(expired,
				row -> outages.stream().noneMatch(outage -> outage.overlaps(row.requestedAt(), row.expiresAt())))
			.size());
		row(table, "consent SMS at handsets (transfers with one / messages)",
				rows.stream().filter(row -> load.consent(row.amount()) != null).count() + " / " + rows.stream()
					.mapToInt(row -> (load.consent(row.amount()) != null) ? load.consent(row.amount()).messages() : 0)
					.sum());
		row(table, "transfers whose consent SMS came twice or more",
				where(rows, row -> load.consent(row.amount()) != null && load.consent(row.amount()).messages() > 1)
					.size());
		row(table, "replies sent (MO), transfers answered twice", load.replies() + ", "
				+ where(rows, row -> load.consent(row.amount()) != null && load.consent(row.amount()).repliesSent() > 1)
					.size());
		row(table, "replies recorded by the service (codes accepted)",
				rows.stream().mapToInt(TransferBook.Row::replies).sum() + " ("
						+ rows.stream().mapToInt(TransferBook.Row::codesAccepted).sum() + ")");
		row(table, "transfers whose code was accepted twice or more",
				where(rows, row -> row.codesAccepted() > 1).size());
		row(table, "transfers answered in other words too: recorded 2 replies or more",
				where(rows, row -> load.consent(row.amount()) != null && load.consent(row.amount()).reworded()).size()
						+ ": " + where(rows, row -> load.consent(row.amount()) != null
								&& load.consent(row.amount()).reworded() && row.replies() >= 2)
							.size());
		row(table, "settle postings", rows.stream().mapToInt(TransferBook.Row::settles).sum());
		row(table, "transfers settled twice or more", where(rows, row -> row.settles() > 1).size());
		row(table, "transfers whose postings disagree with the state", where(rows, row -> !row.postingsAgree()).size());
		row(table, "evidence documents (executed ones not verifying)",
				rows.stream().mapToInt(TransferBook.Row::evidence).sum() + " (" + evidenceFailing.size() + ")");
		row(table, "ledger: sum of balances, drifted, unbalanced postings",
				ledger.allBalances() + ", " + ledger.drifted() + ", " + ledger.unbalanced());
		row(table, "ledger: escrow / held / negative balances",
				ledger.escrow() + " / " + ledger.held() + " / " + ledger.negative());
		row(table, "result SMS at remitters (per transfer: count -> transfers)", new TreeMap<>(
				results.values().stream().collect(Collectors.groupingBy(count -> count, Collectors.counting()))));
		List<Long> latencies = where(rows, row -> row.state().equals("executed")).stream()
			.filter(row -> load.consent(row.amount()) != null && load.consent(row.amount()).replied() != null)
			.map(row -> Duration.between(load.consent(row.amount()).replied(), row.finishedAt()).toMillis())
			.sorted()
			.toList();
		if (!latencies.isEmpty()) {
			row(table, "reply sent to executed, ms (median / 95th / max)", latencies.get(latencies.size() / 2) + " / "
					+ latencies.get(latencies.size() * 95 / 100) + " / " + latencies.get(latencies.size() - 1));
		}
		return table.toString();
	}

	private static List<TransferBook.Row> where(List<TransferBook.Row> rows, Predicate<TransferBook.Row> predicate) {
		return rows.stream().filter(predicate).toList();
	}

	private static void row(StringBuilder table, String label, Object value) {
		table.append(String.format("%-62s %s%n", label, value));
	}

}
