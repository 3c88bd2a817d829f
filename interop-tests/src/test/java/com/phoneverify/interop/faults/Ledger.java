package com.phoneverify.interop.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.call.SimulatedCall;

/**
 * What happened to every accepted verification, seen from the outside the way a merchant
 * and the phone network see it: its final status by {@code GET}, the calls the phone
 * network got for its number, its events on {@code verification-outcomes} and the
 * webhooks the merchant received.
 */
final class Ledger {

	/** One accepted verification at the end of the run. */
	record Entry(LoadDriver.Accepted accepted, String status, List<SimulatedCall> phoneCalls,
			List<String> outcomeStatuses, long distinctOutcomeEvents, List<String> webhookStatuses) {

		int calls() {
			return this.phoneCalls.size();
		}

		/** From the 201 to the phone's first ring; empty if it never rang. */
		java.util.Optional<Duration> dialLatency() {
			return this.phoneCalls.stream()
				.map(SimulatedCall::startedAt)
				.min(java.util.Comparator.naturalOrder())
				.map(rang -> Duration.between(this.accepted.at(), rang));
		}

		/** Whether its call was up (ringing or answered) at that instant. */
		boolean callUpAt(java.time.Instant instant) {
			return callOfKilledProcess(instant, instant, Duration.ZERO);
		}

		/**
		 * Whether its call was placed by a process killed at {@code killed} and its
		 * outcome may have died with it: the call started before
		 * {@code replacementStarted}, when the process that replaced it was started
		 * (until then no other process could have placed it), and had not ended
		 * {@code recordingTime} before the kill (an outcome is recorded a moment after
		 * the phone's hang-up).
		 */
		boolean callOfKilledProcess(java.time.Instant killed, java.time.Instant replacementStarted,
				Duration recordingTime) {
			java.time.Instant unrecordedFrom = killed.minus(recordingTime);
			return this.phoneCalls.stream()
				.anyMatch(call -> call.startedAt().isBefore(replacementStarted)
						&& call.endedAt().map(ended -> ended.isAfter(unrecordedFrom)).orElse(true));
		}

		java.time.Instant acceptedAt() {
			return this.accepted.at();
		}

		boolean finalStatus() {
			return !this.status.equals("pending") && !this.status.equals("unknown");
		}

		boolean outcomesAgree() {
			return !this.outcomeStatuses.isEmpty()
					&& this.outcomeStatuses.stream().allMatch(outcome -> outcome.equals(this.status));
		}

		boolean webhooksAgree() {
			return !this.webhookStatuses.isEmpty()
					&& this.webhookStatuses.stream().allMatch(webhook -> webhook.equals(this.status));
		}

	}

	private final List<Entry> entries;

	private Ledger(List<Entry> entries) {
		this.entries = entries;
	}

	/**
	 * Waits up to {@code drain} for every accepted verification to leave {@code pending}
	 * (asking each gateway in turn, whichever answers), then for its webhook, then
	 * gathers the rest.
	 */
	static Ledger settle(Merchant merchant, List<Cluster.Service> gateways, List<LoadDriver.Accepted> accepted,
			PhoneSimulator phones, WebhookReceiver webhooks, String bootstrapServers, Duration drain) {
		long deadline = System.nanoTime() + drain.toNanos();
		Map<String, String> statuses = new HashMap<>();
		List<LoadDriver.Accepted> open = new ArrayList<>(accepted);
		while (!open.isEmpty() && System.nanoTime() < deadline) {
			open.removeIf(verification -> {
				String status = statusOf(merchant, gateways, verification.id());
				statuses.put(verification.id(), status);
				return !status.equals("pending") && !status.equals("unknown")
						&& !webhooks.deliveriesMentioning(verification.id()).isEmpty();
			});
			if (!open.isEmpty()) {
				JavaProcess.sleep(Duration.ofSeconds(1));
			}
		}
		// let late duplicates (a redelivered webhook, a re-sent outcome) arrive to be
		// counted
		JavaProcess.sleep(Duration.ofSeconds(3));
		Map<String, List<SimulatedCall>> callsByNumber = phones.calls()
			.stream()
			.collect(Collectors.groupingBy(SimulatedCall::number));
		Map<String, List<EventEnvelope<VerificationOutcome>>> outcomes = OutcomeTopic.readAll(bootstrapServers);
		List<Entry> entries = new ArrayList<>();
		for (LoadDriver.Accepted verification : accepted) {
			List<EventEnvelope<VerificationOutcome>> events = outcomes.getOrDefault(verification.id(), List.of());
			entries.add(new Entry(verification, statuses.get(verification.id()),
					callsByNumber.getOrDefault(verification.e164(), List.of()),
					events.stream().map(event -> event.payload().status().wireName()).toList(),
					events.stream().map(EventEnvelope::eventId).distinct().count(),
					webhooks.deliveriesMentioning(verification.id()).stream().map(Ledger::statusInWebhook).toList()));
		}
		return new Ledger(entries);
	}

	private static String statusOf(Merchant merchant, List<Cluster.Service> gateways, String id) {
		for (Cluster.Service gateway : gateways) {
			Merchant.Response response = merchant.get(gateway.url(), "/v1/ars-verifications/" + id);
			if (response.status() == 200) {
				return response.body().path("status").asString();
			}
		}
		return "unknown";
	}

	private static String statusInWebhook(String body) {
		java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"")
			.matcher(body);
		return status.find() ? status.group(1) : "none";
	}

	List<Entry> entries() {
		return this.entries;
	}

	List<Entry> where(java.util.function.Predicate<Entry> condition) {
		return this.entries.stream().filter(condition).toList();
	}

	/** The table of counts the run prints. */
	String table(String title, LoadDriver load) {
		Map<String, Long> byStatus = new TreeMap<>(
				this.entries.stream().collect(Collectors.groupingBy(Entry::status, Collectors.counting())));
		int calls = this.entries.stream().mapToInt(Entry::calls).sum();
		int outcomeEvents = this.entries.stream().mapToInt(entry -> entry.outcomeStatuses().size()).sum();
		int webhooks = this.entries.stream().mapToInt(entry -> entry.webhookStatuses().size()).sum();
		StringBuilder table = new StringBuilder();
		table.append("\n==== ").append(title).append(" ====\n");
		row(table, "requests sent", load.sent());
		row(table, "answers by HTTP status (0 = none)", load.answers());
		row(table, "accepted (201)", this.entries.size());
		row(table, "final status reached", where(Entry::finalStatus).size());
		row(table, "final statuses", byStatus);
		row(table, "phone calls placed", calls);
		row(table, "verifications dialled twice or more", where(entry -> entry.calls() > 1).size());
		row(table, "verifications never dialled", where(entry -> entry.calls() == 0).size());
		List<Long> latencies = this.entries.stream()
			.flatMap(entry -> entry.dialLatency().stream())
			.map(Duration::toMillis)
			.sorted()
			.toList();
		if (!latencies.isEmpty()) {
			row(table, "201 to first ring, ms (median / 95th / max)", latencies.get(latencies.size() / 2) + " / "
					+ latencies.get(latencies.size() * 95 / 100) + " / " + latencies.get(latencies.size() - 1));
		}
		Map<String, List<Entry>> byPhase = this.entries.stream()
			.collect(Collectors.groupingBy(entry -> entry.accepted().phase(), java.util.LinkedHashMap::new,
					Collectors.toList()));
		byPhase.forEach((phase, entries) -> row(table, "  accepted while " + phase + ": count, max ms to ring",
				entries.size() + ", "
						+ entries.stream()
							.flatMap(entry -> entry.dialLatency().stream())
							.mapToLong(Duration::toMillis)
							.max()
							.orElse(-1)));
		row(table, "outcome events (verification-outcomes)", outcomeEvents);
		row(table, "verifications with outcome events disagreeing or missing",
				where(entry -> !entry.outcomesAgree()).size());
		row(table, "verifications with more than one outcome event",
				where(entry -> entry.outcomeStatuses().size() > 1).size());
		row(table, "webhooks received", webhooks);
		row(table, "verifications whose webhook was lost or disagrees", where(entry -> !entry.webhooksAgree()).size());
		row(table, "verifications with a duplicate webhook (at least once)",
				where(entry -> entry.webhookStatuses().size() > 1).size());
		return table.toString();
	}

	private static void row(StringBuilder table, String label, Object value) {
		table.append(String.format("%-60s %s%n", label, value));
	}

}
