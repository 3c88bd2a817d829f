package com.phoneverify.interop.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, "Kill -9 under load": the gateway, the call service, the Kafka broker and
 * PostgreSQL each run as a process of their own; under a steady stream of signed requests
 * each is killed with SIGKILL in turn and started again. Every request that got a 201
 * must reach a final status, no phone may be dialled twice for one verification, the
 * outcome events of each verification must agree with its final status, and no webhook
 * may be lost (the webhook contract is at least once: duplicates are counted).
 */
class KillUnderLoadIT {

	/** Seconds of load between one process's return and the next kill. */
	private static final Duration SETTLE = Duration.ofSeconds(8);

	/**
	 * Short, so that verifications whose call died with the call service expire within
	 * the run; long enough for the backlog that each outage builds.
	 */
	private static final int EXPIRES_IN_SECONDS = 90;

	/**
	 * How long after the phone's hang-up the call service may still be recording the
	 * call's outcome; a kill within it loses the outcome, and the verification expires.
	 */
	private static final Duration OUTCOME_RECORDED_WITHIN = Duration.ofSeconds(2);

	@Test
	void everyAcceptedVerificationEndsOnceAndIsToldEverywhereThroughFourKills() {
		try (Cluster cluster = new Cluster("kill-under-load"); WebhookReceiver webhooks = new WebhookReceiver()) {
			Cluster.Service gateway = cluster.addGateway(Map.of());
			Cluster.Service callService = cluster.addCallService(Map.of("ars.channels.per-merchant", 30));
			gateway.awaitReady();
			callService.awaitReady();
			Merchant merchant = Merchant.create(gateway.url(), cluster.adminToken(), "faults-kill");
			try (LoadDriver load = new LoadDriver(merchant, List.of(gateway), cluster.phones(), webhooks.url(), 101,
					Duration.ofMillis(500), EXPIRES_IN_SECONDS)) {
				load.start();
				JavaProcess.sleep(SETTLE);
				killAndRestart(load, "gateway", gateway::kill, gateway::restart);
				Outage callServiceOutage = killAndRestart(load, "call service", callService::kill,
						callService::restart);
				killAndRestart(load, "Kafka broker", cluster.kafka()::kill, cluster.kafka()::start);
				killAndRestart(load, "PostgreSQL", cluster.postgres()::kill, cluster.postgres()::start);
				load.stop();

				Ledger ledger = Ledger.settle(merchant, List.of(gateway), load.accepted(), cluster.phones(), webhooks,
						cluster.kafka().bootstrapServers(), Duration.ofSeconds(180));
				System.out.println(ledger.table("kill -9 under load: gateway, call service, broker, PostgreSQL", load));

				assertThat(ledger.entries()).as("accepted verifications").hasSizeGreaterThan(20);
				assertThat(ledger.where(entry -> !entry.finalStatus())).as("accepted, never final").isEmpty();
				assertThat(ledger.where(entry -> entry.calls() > 1)).as("dialled twice").isEmpty();
				assertThat(LogScan.linesWithNumbersInClear(cluster.directory(), load.accepted()))
					.as("service log lines with a phone number in clear")
					.isEmpty();
				assertThat(ledger.where(entry -> !entry.outcomesAgree())).as("outcome events missing or disagreeing")
					.isEmpty();
				assertThat(ledger.where(entry -> !entry.webhooksAgree())).as("webhooks lost or disagreeing").isEmpty();
				// A call that died with its call service is not ended by the survivor's
				// orphan sweep before its verification expired (finding 8: a paused
				// instance's live call is never ended under it): those, and only those,
				// expire. Such a call was placed by the killed process (it reached the
				// phone before a new call service was started: an INVITE sent as the
				// process died reaches a busy phone a moment after the kill instant) and
				// had not ended, with its outcome recorded, before the kill.
				assertThat(ledger.where(entry -> entry.status().equals("expired")))
					.as("expired, though their call was not cut by the kill at %s (a new call service started at %s)",
							callServiceOutage.killed(), callServiceOutage.restarting())
					.allSatisfy(entry -> assertThat(entry.callOfKilledProcess(callServiceOutage.killed(),
							callServiceOutage.restarting(), OUTCOME_RECORDED_WITHIN))
						.isTrue());
			}
		}
	}

	private static Outage killAndRestart(LoadDriver load, String what, Runnable kill, Runnable restart) {
		Instant killed = Instant.now();
		load.phase(what + " down");
		kill.run();
		JavaProcess.sleep(Duration.ofSeconds(2));
		Instant restarting = Instant.now();
		restart.run();
		load.phase(what + " back");
		System.out.printf("[faults] killed -9 and restarted the %s: back after %d ms%n", what,
				Duration.between(killed, Instant.now()).toMillis());
		JavaProcess.sleep(SETTLE);
		return new Outage(killed, restarting);
	}

	/** When a process was killed, and when the one that replaced it was started. */
	record Outage(Instant killed, Instant restarting) {
	}

}
