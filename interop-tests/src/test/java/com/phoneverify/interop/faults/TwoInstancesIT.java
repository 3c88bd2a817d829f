package com.phoneverify.interop.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.phoneverify.simulators.phone.call.SimulatedCall;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, "Two instances of each service": two gateways and two call services against
 * one broker and one database. The call services share {@code auth-requested}'s
 * partitions (one consumer group); one is killed with SIGKILL mid-run and not restarted:
 * its partitions move to the other, its calls are ended by the survivor's orphan sweep,
 * and every accepted verification still reaches a final status. The per-number limit
 * lives in the database and holds across gateways; the channel quota is per call service
 * instance by design, so a merchant's calls at once are at most instances × per-merchant.
 */
class TwoInstancesIT {

	/**
	 * Per instance. Two instances give 8 channels for 2 requests/s of ~5 s calls, the
	 * survivor 4: a short queue, well within the verifications' 60 s.
	 */
	private static final int CHANNELS_PER_MERCHANT = 4;

	@Test
	void workMovesToTheSurvivorAndLimitsHoldAcrossInstances() {
		try (Cluster cluster = new Cluster("two-instances"); WebhookReceiver webhooks = new WebhookReceiver()) {
			// a killed member's partitions move once its session times out (10 s,
			// ars-call-service.yaml)
			Map<String, Object> callServiceSettings = Map.of("ars.channels.per-merchant", CHANNELS_PER_MERCHANT);
			List<Cluster.Service> gateways = List.of(cluster.addGateway(Map.of()), cluster.addGateway(Map.of()));
			Cluster.Service survivor = cluster.addCallService(callServiceSettings);
			Cluster.Service victim = cluster.addCallService(callServiceSettings);
			gateways.forEach(Cluster.Service::awaitReady);
			survivor.awaitReady();
			victim.awaitReady();
			Merchant merchant = Merchant.create(gateways.get(0).url(), cluster.adminToken(), "faults-two");

			assertPerNumberLimitHoldsAcrossGateways(merchant, gateways, webhooks);

			Instant killedAt;
			try (LoadDriver load = new LoadDriver(merchant, gateways, cluster.phones(), webhooks.url(), 202,
					Duration.ofMillis(500), 60)) {
				load.start();
				JavaProcess.sleep(Duration.ofSeconds(12));
				killedAt = Instant.now();
				load.phase("one call service killed");
				victim.kill();
				System.out.println("[faults] killed -9 one of the two call services; it stays down");
				JavaProcess.sleep(Duration.ofSeconds(5));
				load.stop();

				Ledger ledger = Ledger.settle(merchant, gateways, load.accepted(), cluster.phones(), webhooks,
						cluster.kafka().bootstrapServers(), Duration.ofSeconds(150));
				int mostAtOnce = mostCallsAtOnce(cluster.phones().calls(), killedAt);
				System.out.println(ledger.table("two gateways, two call services, one killed", load)
						+ String.format("%-60s %d (quota %d per merchant per instance)%n",
								"most calls at once before the kill", mostAtOnce, CHANNELS_PER_MERCHANT));

				assertThat(ledger.entries()).as("accepted verifications").hasSizeGreaterThan(10);
				assertThat(ledger.where(entry -> !entry.finalStatus())).as("accepted, never final").isEmpty();
				assertThat(ledger.where(entry -> entry.calls() > 1)).as("dialled twice").isEmpty();
				assertThat(LogScan.linesWithNumbersInClear(cluster.directory(), load.accepted()))
					.as("service log lines with a phone number in clear")
					.isEmpty();
				assertThat(ledger.where(entry -> !entry.outcomesAgree())).as("outcome events missing or disagreeing")
					.isEmpty();
				assertThat(ledger.where(entry -> !entry.webhooksAgree())).as("webhooks lost or disagreeing").isEmpty();
				// more than one instance's quota at once: both instances were calling
				// (they share the partitions); never more than both quotas together
				assertThat(mostAtOnce).isGreaterThan(CHANNELS_PER_MERCHANT)
					.isLessThanOrEqualTo(2 * CHANNELS_PER_MERCHANT);
				// only the killed instance's live calls expire: the survivor's orphan
				// sweep
				// ends them after expiry, never under a paused instance (finding 8)
				assertThat(ledger.where(entry -> entry.status().equals("expired")))
					.as("expired, though their call was not cut by the kill")
					.allSatisfy(entry -> assertThat(entry.callUpAt(killedAt)).isTrue());
				// what was accepted after the kill was all called by the survivor
				List<Ledger.Entry> afterKill = ledger
					.where(entry -> entry.acceptedAt().isAfter(killedAt.plusSeconds(1)));
				assertThat(afterKill).as("accepted after the kill").isNotEmpty();
				assertThat(afterKill).allSatisfy(entry -> assertThat(entry.calls()).isEqualTo(1));
			}
		}
	}

	/**
	 * Destination limit (3 verifications per number per 10 minutes by default) is kept in
	 * the gateways' one database: five requests for one number, alternating between the
	 * two gateways, get three 201s and two 429s.
	 */
	private static void assertPerNumberLimitHoldsAcrossGateways(Merchant merchant, List<Cluster.Service> gateways,
			WebhookReceiver webhooks) {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			// 0486: the simulated phone is busy, so these calls end at once
			statuses.add(
					merchant
						.post(gateways.get(i % 2).url(), "/v1/ars-verifications",
								"{\"type\":\"C\",\"phone\":\"010-5999-0486\",\"callbackUrl\":\"" + webhooks.url()
										+ "\"}")
						.status());
		}
		System.out.println("[faults] five requests for one number over two gateways: " + statuses);
		assertThat(statuses).filteredOn(status -> status == 201).hasSize(3);
		assertThat(statuses).filteredOn(status -> status == 429).hasSize(2);
	}

	/** The most calls the phone network had up at one moment before {@code until}. */
	private static int mostCallsAtOnce(List<SimulatedCall> calls, Instant until) {
		List<long[]> changes = new ArrayList<>();
		for (SimulatedCall call : calls) {
			if (call.startedAt().isBefore(until)) {
				Instant end = call.endedAt().filter(ended -> ended.isBefore(until)).orElse(until);
				changes.add(new long[] { call.startedAt().toEpochMilli(), 1 });
				changes.add(new long[] { end.toEpochMilli(), -1 });
			}
		}
		changes.sort((a, b) -> (a[0] != b[0]) ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
		int now = 0;
		int most = 0;
		for (long[] change : changes) {
			now += (int) change[1];
			most = Math.max(most, now);
		}
		return most;
	}

}
