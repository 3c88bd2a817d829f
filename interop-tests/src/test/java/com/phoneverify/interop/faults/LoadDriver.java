package com.phoneverify.interop.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.simulators.phone.PhoneSimulator;

/**
 * A steady stream of signed {@code POST /v1/ars-verifications} of type C (the phone types
 * the code the merchant's screen shows), one every {@code interval}, spread over the
 * gateways in turn, each for a phone number of its own. For each 201 the phone with that
 * number is armed to type the code a second after it answers, as the customer would.
 */
final class LoadDriver implements AutoCloseable {

	/** A verification the gateway accepted (201). */
	record Accepted(String id, String phone, String e164, String gatewayUrl, java.time.Instant at, String phase) {
	}

	private final Merchant merchant;

	private final List<Cluster.Service> gateways;

	private final PhoneSimulator phones;

	private final String callbackUrl;

	private final int numberBlock;

	private final Duration interval;

	private final int expiresInSeconds;

	private final List<Accepted> accepted = new CopyOnWriteArrayList<>();

	/** Answers by HTTP status, 0 for none (connection refused or timed out). */
	private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();

	private final AtomicBoolean running = new AtomicBoolean();

	private final AtomicInteger sent = new AtomicInteger();

	private Thread thread;

	private volatile String phase = "steady";

	/**
	 * @param numberBlock 100-999, the middle digits of every number of this run
	 * ({@code 010-5<block>-<n>}), so that runs do not share numbers
	 */
	LoadDriver(Merchant merchant, List<Cluster.Service> gateways, PhoneSimulator phones, String callbackUrl,
			int numberBlock, Duration interval, int expiresInSeconds) {
		this.merchant = merchant;
		this.gateways = gateways;
		this.phones = phones;
		this.callbackUrl = callbackUrl;
		this.numberBlock = numberBlock;
		this.interval = interval;
		this.expiresInSeconds = expiresInSeconds;
	}

	void start() {
		this.running.set(true);
		this.thread = new Thread(this::run, "faults-load");
		this.thread.start();
	}

	private void run() {
		long next = System.nanoTime();
		while (this.running.get()) {
			sendOne(this.sent.getAndIncrement());
			next += this.interval.toNanos();
			long wait = next - System.nanoTime();
			if (wait > 0) {
				JavaProcess.sleep(Duration.ofNanos(wait));
			}
		}
	}

	private void sendOne(int n) {
		// last four digits from 1000 up: the phone simulator's special numbers all end in
		// 0xxx
		String local = "5" + this.numberBlock + (1000 + n);
		String phone = "010-" + local.substring(0, 4) + "-" + local.substring(4);
		String e164 = "+8210" + local;
		String gatewayUrl = this.gateways.get(n % this.gateways.size()).url();
		Merchant.Response response = this.merchant.post(gatewayUrl, "/v1/ars-verifications",
				"{\"type\":\"C\",\"phone\":\"" + phone + "\",\"expiresInSeconds\":" + this.expiresInSeconds
						+ ",\"callbackUrl\":\"" + this.callbackUrl + "\"}");
		this.answers.computeIfAbsent(response.status(), status -> new AtomicInteger()).incrementAndGet();
		if (response.status() == 201) {
			this.phones.arm(e164, response.body().path("code").asString(), Duration.ofSeconds(1));
			this.accepted.add(new Accepted(response.body().path("id").asString(), phone, e164, gatewayUrl,
					java.time.Instant.now(), this.phase));
		}
	}

	/**
	 * Names what happens from now on (e.g. "gateway killed"), for the table per phase.
	 */
	void phase(String phase) {
		this.phase = phase;
	}

	List<Accepted> accepted() {
		return List.copyOf(this.accepted);
	}

	int sent() {
		return this.sent.get();
	}

	/** How many requests got each HTTP status (0: no answer). */
	Map<Integer, Integer> answers() {
		Map<Integer, Integer> counts = new TreeMap<>();
		this.answers.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	void stop() {
		this.running.set(false);
		try {
			this.thread.join(20_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.running.get()) {
			stop();
		}
	}

}
