package com.phoneverify.interop.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.simulators.smsc.SmscSwitches;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, "a killed relay in the middle of a burst": PostgreSQL, the Kafka broker and
 * sms-relay-service each run as a process of their own; a burst of distinct
 * {@code SmsRequested} goes on {@code sms-outbound} and the relay is killed with SIGKILL
 * when about a third has reached the SMSC, then started again. Twice: once with the
 * SMSC's answers slowed (submits in flight at the kill), once with its receipts delayed
 * (receipts for messages sent before the kill arrive only after the restart).
 * <p>
 * Nothing may be lost (every request reaches the SMSC and its {@code sms-status} ends in
 * {@code delivered}); a message may reach the SMSC twice only if it was in the relay's
 * one at-least-once window at the kill: claimed and submitted, its submit_sm_resp not yet
 * recorded ({@code Dispatcher}). No status may contradict another, and no phone number
 * may be in the relay's log in clear.
 */
class RelayKillIT {

	/**
	 * Short, so that the killed relay's claims are queued again within seconds of its
	 * restart; the claim timeout stays at its default (2 minutes, longer than
	 * {@link #DRAIN}): only the lapsed lease can release them in time.
	 */
	private static final String LEASE = "5s";

	private static final Duration DRAIN = Duration.ofSeconds(90);

	/**
	 * submit_sm outstanding at once (devstack's, the default): what may be in flight at a
	 * kill, besides outcomes the recorder has not committed yet.
	 */
	private static final int SMPP_WINDOW = 10;

	private final EventCodec codec = new EventCodec();

	/** One phase's numbers. */
	private record Phase(String name, Map<UUID, String> recipients, int reachedAtKill, Set<UUID> inFlightAtKill,
			long awaitingReceiptAtKill, Duration down, long receiptsAfterRestart, Duration burst, boolean drained) {
	}

	@Test
	void aRelayKilledMidBurstLosesNothingAndSendsTwiceOnlyWhatWasInFlight() {
		Instant started = Instant.now();
		try (SmsCluster cluster = new SmsCluster("relay-kill",
				Map.of("sms.dispatch.lease", LEASE, "sms.smsc.window", SMPP_WINDOW));
				SmsStatusTopic statuses = new SmsStatusTopic(cluster.kafka().bootstrapServers());
				KafkaProducer<String, byte[]> producer = producer(cluster.kafka().bootstrapServers())) {
			cluster.startRelay();
			Phase slowAnswers = killMidBurst(cluster, statuses, producer, "submit_sm_resp slowed", 3000, 20_000_000,
					switches -> switches.slowResponses(4).receiptDelay(20));
			Phase lateReceipts = killMidBurst(cluster, statuses, producer, "receipts delayed 4 s", 1500, 30_000_000,
					switches -> switches.slowResponses(4).receiptDelay(4000));
			List<Phase> phases = List.of(slowAnswers, lateReceipts);
			List<String> numbers = phases.stream().flatMap(phase -> phase.recipients().values().stream()).toList();
			List<String> inClear = LogScan.linesWithAnyInClear(cluster.directory(), numbers);

			System.out
				.println(table(cluster, statuses, phases, inClear.size(), Duration.between(started, Instant.now())));

			for (Phase phase : phases) {
				assertThat(phase.reachedAtKill()).as(phase.name() + ": killed mid-burst")
					.isBetween(1, phase.recipients().size() - 1);
				assertThat(lost(cluster, phase)).as(phase.name() + ": never reached the SMSC").isEmpty();
				assertThat(notDelivered(statuses, phase)).as(phase.name() + ": sms-status not ending in delivered")
					.isEmpty();
				assertThat(contradicting(statuses, phase)).as(phase.name() + ": contradicting status events").isEmpty();
				assertThat(receivedTwice(cluster, phase))
					.as(phase.name() + ": received twice though not in flight at the kill")
					.isSubsetOf(phase.inFlightAtKill());
			}
			assertThat(lateReceipts.receiptsAfterRestart()).as("receipts that arrived only after the restart")
				.isPositive();
			assertThat(inClear).as("relay log lines with a phone number in clear").isEmpty();
		}
	}

	private Phase killMidBurst(SmsCluster cluster, SmsStatusTopic statuses, KafkaProducer<String, byte[]> producer,
			String name, int size, int firstNumber, Consumer<SmscSwitches> switches) {
		switches.accept(cluster.smsc().switches());
		int takenBefore = cluster.smsc().stats().messages();
		Sealer sealer = cluster.eventsSealer();
		Map<UUID, String> recipients = new LinkedHashMap<>();
		Instant burstStarted = Instant.now();
		for (int i = 0; i < size; i++) {
			String to = "+8210" + (firstNumber + i);
			recipients.put(request(producer, sealer, to, name + " " + i), to);
		}
		producer.flush();
		awaitUntil(Duration.ofSeconds(60), () -> cluster.smsc().stats().messages() - takenBefore >= size / 3);

		cluster.killRelay();
		Instant killed = Instant.now();
		int reachedAtKill = cluster.smsc().stats().messages() - takenBefore;
		Set<UUID> inFlight = cluster.claimedNotRecorded();
		long awaitingReceipt = cluster.statusCounts().getOrDefault("submitted", 0L);
		System.out.printf(
				"[faults] %s: killed -9 the relay after %d of %d reached the SMSC; %d claimed, not recorded;"
						+ " %d awaiting a receipt; statuses %s%n",
				name, reachedAtKill, size, inFlight.size(), awaitingReceipt, cluster.statusCounts());
		cluster.startRelay();
		Duration down = Duration.between(killed, Instant.now());
		long receiptsAtRestart = cluster.smsc().stats().receiptsDelivered();

		boolean drained = awaitUntil(DRAIN, () -> recipients.keySet().stream().allMatch(statuses::delivered));
		Duration burst = Duration.between(burstStarted, Instant.now());
		return new Phase(name, recipients, reachedAtKill, inFlight, awaitingReceipt, down,
				cluster.smsc().stats().receiptsDelivered() - receiptsAtRestart, burst, drained);
	}

	/** Publishes a request as transfer-consent-service would: number and text sealed. */
	private UUID request(KafkaProducer<String, byte[]> producer, Sealer sealer, String to, String text) {
		SmsMessageId id = SmsMessageId.random();
		SmsRequested request = new SmsRequested(id, SmsKind.SMS, SmsCluster.SENDER_NUMBER,
				sealer.seal(to, SmsRequested.sealingContext(id, "to")),
				sealer.seal(text, SmsRequested.sealingContext(id, "text")), null,
				Instant.now().plus(Duration.ofMinutes(10)));
		producer.send(new ProducerRecord<>(Topics.SMS_OUTBOUND, id.toString(),
				this.codec.encode(EventTopics.SMS_OUTBOUND.envelope(request, Instant.now(), null))));
		return id.value();
	}

	private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new ByteArraySerializer());
	}

	/** How many messages the handset of this number received. */
	private static int received(SmsCluster cluster, String e164) {
		return cluster.smsc().inbox(e164.substring(1)).size();
	}

	private static List<UUID> lost(SmsCluster cluster, Phase phase) {
		return phase.recipients()
			.entrySet()
			.stream()
			.filter(entry -> received(cluster, entry.getValue()) == 0)
			.map(Map.Entry::getKey)
			.toList();
	}

	private static List<UUID> receivedTwice(SmsCluster cluster, Phase phase) {
		return phase.recipients()
			.entrySet()
			.stream()
			.filter(entry -> received(cluster, entry.getValue()) > 1)
			.map(Map.Entry::getKey)
			.toList();
	}

	private static List<UUID> notDelivered(SmsStatusTopic statuses, Phase phase) {
		return phase.recipients().keySet().stream().filter(id -> {
			List<SmsDeliveryStatus> seen = statuses.statuses(id);
			return seen.isEmpty() || seen.get(seen.size() - 1) != SmsDeliveryStatus.DELIVERED;
		}).toList();
	}

	/**
	 * Messages whose distinct status events go backwards (e.g. {@code queued} after
	 * {@code submitted}), repeat a status, or hold two final statuses.
	 */
	private static List<UUID> contradicting(SmsStatusTopic statuses, Phase phase) {
		return phase.recipients().keySet().stream().filter(id -> !consistent(statuses.statuses(id))).toList();
	}

	private static boolean consistent(List<SmsDeliveryStatus> statuses) {
		int previous = -1;
		for (SmsDeliveryStatus status : statuses) {
			int rank = status.isFinal() ? 2 : status.ordinal();
			if (rank <= previous) {
				return false;
			}
			previous = rank;
		}
		return true;
	}

	private static long redeliveredEvents(SmsStatusTopic statuses, Phase phase) {
		return phase.recipients()
			.keySet()
			.stream()
			.mapToLong(id -> statuses.events(id).size() - statuses.statuses(id).size())
			.sum();
	}

	private static String table(SmsCluster cluster, SmsStatusTopic statuses, List<Phase> phases, int linesInClear,
			Duration total) {
		List<String[]> rows = new ArrayList<>();
		rows.add(row(phases, "", Phase::name));
		rows.add(row(phases, "requests on sms-outbound", phase -> String.valueOf(phase.recipients().size())));
		rows.add(row(phases, "reached the SMSC before the kill", phase -> String.valueOf(phase.reachedAtKill())));
		rows.add(row(phases,
				"in flight at the kill: claimed, SMSC answer not recorded (SMPP window " + SMPP_WINDOW + ")",
				phase -> String.valueOf(phase.inFlightAtKill().size())));
		rows.add(row(phases, "submitted, awaiting a receipt at the kill",
				phase -> String.valueOf(phase.awaitingReceiptAtKill())));
		rows.add(row(phases, "reached the SMSC / lost",
				phase -> (phase.recipients().size() - lost(cluster, phase).size()) + " / "
						+ lost(cluster, phase).size()));
		rows.add(row(phases, "received twice by the SMSC (all of them in flight at the kill)",
				phase -> receivedTwice(cluster, phase).size() + " ("
						+ receivedTwice(cluster, phase).stream().filter(phase.inFlightAtKill()::contains).count()
						+ ")"));
		rows.add(row(phases, "sms-status ends in delivered / not",
				phase -> (phase.recipients().size() - notDelivered(statuses, phase).size()) + " / "
						+ notDelivered(statuses, phase).size()));
		rows.add(row(phases, "contradicting status events",
				phase -> String.valueOf(contradicting(statuses, phase).size())));
		rows.add(row(phases, "status events delivered again (same event id)",
				phase -> String.valueOf(redeliveredEvents(statuses, phase))));
		rows.add(row(phases, "receipts delivered after the restart",
				phase -> String.valueOf(phase.receiptsAfterRestart())));
		rows.add(row(phases, "kill -9 to ready and bound again", phase -> phase.down().toMillis() + " ms"));
		rows.add(row(phases, "first request to last delivered",
				phase -> phase.burst().toMillis() + " ms" + (phase.drained() ? "" : " (not drained)")));
		StringBuilder table = new StringBuilder("\n[faults] kill -9 of sms-relay-service mid-burst\n");
		for (String[] row : rows) {
			table.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		table.append("relay log lines with a phone number in clear: ").append(linesInClear).append('\n');
		table.append("test time: ").append(total.toSeconds()).append(" s\n");
		return table.toString();
	}

	private static String[] row(List<Phase> phases, String label, java.util.function.Function<Phase, String> cell) {
		List<String> cells = new ArrayList<>();
		cells.add(label);
		phases.forEach(phase -> cells.add(cell.apply(phase)));
		return cells.toArray(new String[0]);
	}

	/**
	 * @return whether the condition held within the timeout
	 */
	private static boolean awaitUntil(Duration timeout, java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			JavaProcess.sleep(Duration.ofMillis(250));
		}
		return condition.getAsBoolean();
	}

}
