package com.phoneverify.bench.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.bench.Machine;
import com.phoneverify.contracts.Topics;
import com.phoneverify.devstack.Suite;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.simulators.smsc.HandsetMessage;
import com.phoneverify.simulators.smsc.SmscSimulator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MO reply to transfer executed, over the whole 2-WAY path in one JVM: devstack's
 * {@link Suite} (gateway, ARS, OTP, transfer-consent-service, sms-relay-service, the SMSC
 * and telco simulators) on an embedded broker and an embedded PostgreSQL with fsync on.
 * <p>
 * Each transfer is a phishing-guard transfer asked of transfer-consent-service's own API;
 * its consent SMS goes through the relay to the SMSC simulator, where the handset's inbox
 * is read for the code. Then the handset replies: {@code t0} is taken just before the
 * simulator queues the deliver_sm (its delivery thread sends it at once), and the
 * transfer's {@code finished_at} — written by transfer-consent-service in the transaction
 * that executes it, read back through its API — minus {@code t0} is the latency (one JVM,
 * one clock). The reply's path: deliver_sm over SMPP, the relay stores it and its outbox
 * row in one transaction, its outbox relay publishes {@code consent-replied},
 * transfer-consent-service consumes it, checks the code and executes. The transfer's
 * {@code replied_at} (the relay's receipt time, carried in the event) splits that in two.
 * <p>
 * The first {@code --warmup} transfers are not counted (JIT, consumer assignment).
 * {@code --concurrency} clients run at once, each one transfer after the other, each
 * transfer to a new recipient account and handset. The handset replies {@code --think-ms}
 * (200) after the consent SMS reached it, as a person does (seconds later, in fact): with
 * {@code 0} the deliver_sm follows the SMSC's submit_sm_resp and receipt within a
 * millisecond, and waits about 40 ms in TCP (the simulator's socket has Nagle's algorithm
 * on, the relay's kernel delays its ACK of the submit_sm_resp), which is the link, not
 * the relay; the report prints the think time.
 *
 * <pre>
 * scripts/bench-mo-latency.sh --transfers=200 --warmup=20 --concurrency=1 --think-ms=200
 * </pre>
 */
public final class MoReplyLatency {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern CODE = Pattern.compile("인증번호 ([0-9]{6})");

	private static final String REMITTER = "1002-009-000001";

	/** How long the handset waits between the consent SMS and its reply. */
	private static long thinkMillis;

	private final HttpClient http = HttpClient.newHttpClient();

	private final AtomicInteger recipients = new AtomicInteger();

	private final Suite suite;

	private final PublishTimes published;

	private MoReplyLatency(Suite suite, PublishTimes published) {
		this.suite = suite;
		this.published = published;
	}

	public static void main(String[] args) throws Exception {
		int transfers = Integer.parseInt(option(args, "transfers", "200"));
		int warmup = Integer.parseInt(option(args, "warmup", "20"));
		int concurrency = Integer.parseInt(option(args, "concurrency", "1"));
		thinkMillis = Long.parseLong(option(args, "think-ms", "200"));
		System.setProperty("logging.level.root", "WARN");
		Path data = Files.createTempDirectory("bench-mo-pg-");
		String report;
		try {
			report = run(data, transfers, warmup, concurrency);
		}
		catch (Exception ex) {
			// the services' Kafka clients would outlive the broker and keep the JVM up
			ex.printStackTrace();
			System.exit(1);
			return;
		}
		finally {
			deleteTree(data);
		}
		System.out.println(report);
		System.exit(0);
	}

	private static String run(Path data, int transfers, int warmup, int concurrency) throws Exception {
		try (EmbeddedInfra infra = EmbeddedInfra.start(new EmbeddedInfra.Options(0, data, true));
				Suite suite = Suite.startWithOverrides(infra, Suite.Ports.ephemeral(), overrides())) {
			try (PublishTimes published = PublishTimes.start(infra.kafkaBootstrapServers())) {
				return new MoReplyLatency(suite, published).run(transfers, warmup, concurrency);
			}
		}
	}

	/**
	 * Devstack's settings but for: warnings only, as the other SMS benchmark; a cheap
	 * password hash for the benchmark's accounts (the remitter's password is checked when
	 * a transfer is asked, before the measured path, and 600,000 PBKDF2 rounds per
	 * transfer would only load the machine); and the relay's per-recipient limits
	 * (against SMS pumping: 10 an hour) raised, since the remitter's handset gets every
	 * transfer's result SMS.
	 */
	private static Map<String, Map<String, Object>> overrides() {
		Map<String, Object> quiet = Map.of("logging.level.root", "WARN");
		return Map.of(Suite.GATEWAY, quiet, Suite.ARS, quiet, Suite.OTP, quiet, Suite.SMS,
				Map.of("logging.level.root", "WARN", "sms.limits.per-hour", 1_000_000, "sms.limits.per-day", 1_000_000),
				Suite.TRANSFER, Map.of("logging.level.root", "WARN", "transfer.authentication.iterations", 1000));
	}

	private String run(int transfers, int warmup, int concurrency) throws Exception {
		awaitBound(this.suite.smsc());
		expect(201, send("POST", this.suite.transferUrl() + "/v1/accounts", """
				{"accountNumber":"%s","holderName":"김송금","phone":"010-1111-2222",
				 "password":"remitter-pw","openingBalance":1000000000}""".formatted(REMITTER)));
		runAll(concurrency, warmup, new ArrayList<>());
		List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
		double loadBefore = Machine.loadAverage();
		long start = System.nanoTime();
		runAll(concurrency, transfers, samples);
		double seconds = (System.nanoTime() - start) / 1e9;
		return report(samples, transfers, warmup, concurrency, seconds, loadBefore);
	}

	/**
	 * A new recipient account and handset, registered at the telco simulator: one per
	 * transfer, because the relay takes the same text from the same handset within
	 * {@code sms.inbound.duplicate-window} (10 min) for the SMSC delivering it again, and
	 * one handset replying hundreds of random 6-digit codes would now and then repeat
	 * one.
	 */
	private Recipient recipient(int index) throws Exception {
		String account = String.format("1002-009-%06d", 100 + index);
		String phone = String.format("010-7%03d-%04d", index / 10_000, index % 10_000);
		expect(201, send("POST", this.suite.transferUrl() + "/v1/accounts", """
				{"accountNumber":"%s","holderName":"이수취","phone":"%s","password":"recipient-pw","openingBalance":0}"""
			.formatted(account, phone)));
		expect(204, send("PUT", this.suite.telcoUrl() + "/v1/subscribers/" + phone, "{\"name\":\"이수취\"}"));
		return new Recipient(account, phone, "82" + phone.substring(1).replace("-", ""));
	}

	/**
	 * {@code count} transfers shared out among {@code concurrency} clients, each one
	 * after the other.
	 */
	private void runAll(int concurrency, int count, List<Sample> samples) throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int c = 0; c < concurrency; c++) {
				done.add(pool.submit(() -> {
					while (next.getAndIncrement() < count) {
						samples.add(transfer(recipient(this.recipients.getAndIncrement())));
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	/** One transfer: asked, consent SMS read at the handset, replied, awaited. */
	private Sample transfer(Recipient client) throws Exception {
		int inboxBefore = this.suite.smsc().inbox(client.handset()).size();
		HttpResponse<String> created = send("POST", this.suite.transferUrl() + "/v1/transfers", """
				{"mode":"PHISHING_GUARD","fromAccount":"%s","password":"remitter-pw","amount":1000,
				 "toBank":"999","toAccount":"%s","recipientPhone":"%s"}""".formatted(REMITTER, client.account(),
				client.phone()));
		expect(202, created);
		String id = json.readTree(created.body()).path("id").asString();
		String code = awaitCode(client.handset(), inboxBefore);
		Thread.sleep(thinkMillis);
		Instant t0 = Instant.now();
		this.suite.smsc().reply(client.handset(), Suite.SMS_TWO_WAY_NUMBER, code, null);
		JsonNode transfer = awaitFinished(id);
		if (!"executed".equals(transfer.path("state").asString())) {
			throw new IllegalStateException("transfer " + id + " ended " + transfer);
		}
		Instant replied = Instant.parse(transfer.path("repliedAt").asString());
		Instant finished = Instant.parse(transfer.path("finishedAt").asString());
		Instant sent = this.published.of(id);
		return new Sample(micros(t0, finished), micros(t0, replied), micros(replied, finished),
				(sent != null) ? micros(replied, sent) : -1, (sent != null) ? micros(sent, finished) : -1);
	}

	/** The code of the consent SMS that arrives after the first {@code skip} messages. */
	private String awaitCode(String handset, int skip) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			List<HandsetMessage> inbox = this.suite.smsc().inbox(handset);
			for (HandsetMessage message : inbox.subList(Math.min(skip, inbox.size()), inbox.size())) {
				Matcher code = CODE.matcher(message.text());
				if (code.find()) {
					return code.group(1);
				}
			}
			Thread.sleep(2);
		}
		throw new IllegalStateException("no consent SMS reached handset " + handset);
	}

	/**
	 * The transfer once it is final (its finishedAt is what is measured, not this poll).
	 */
	private JsonNode awaitFinished(String id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode transfer = json
				.readTree(send("GET", this.suite.transferUrl() + "/v1/transfers/" + id, null).body());
			if (!transfer.path("finishedAt").isNull() && !transfer.path("finishedAt").isMissingNode()) {
				return transfer;
			}
			Thread.sleep(5);
		}
		throw new IllegalStateException("transfer " + id + " not finished within 60 s");
	}

	private String report(List<Sample> samples, int transfers, int warmup, int concurrency, double seconds,
			double loadBefore) throws IOException {
		long[] total = samples.stream().mapToLong(Sample::totalMicros).sorted().toArray();
		long[] toRelay = samples.stream().mapToLong(Sample::toRelayMicros).sorted().toArray();
		long[] afterRelay = samples.stream().mapToLong(Sample::afterRelayMicros).sorted().toArray();
		StringBuilder out = new StringBuilder();
		out.append(String.format("%nRun %s. Machine: %s.%n", Instant.now().truncatedTo(ChronoUnit.MINUTES),
				Machine.current().describe()));
		out.append(String.format(
				"%d phishing-guard transfers consented by SMS reply %d ms after the consent SMS reached the handset "
						+ "(after %d not counted), %d at a time, %.1f s; load average %.2f before, %.2f after.%n",
				transfers, thinkMillis, warmup, concurrency, seconds, loadBefore, Machine.loadAverage()));
		out.append("| span | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- |\n");
		out.append(row("handset reply (deliver_sm) → transfer executed (finished_at)", total));
		out.append(row("… deliver_sm → relay received it (replied_at)", toRelay));
		out.append(row("… relay received → executed (store, outbox, consent-replied, consumer)", afterRelay));
		long[] toKafka = samples.stream().mapToLong(Sample::toKafkaMicros).filter((v) -> v >= 0).sorted().toArray();
		long[] afterKafka = samples.stream()
			.mapToLong(Sample::afterKafkaMicros)
			.filter((v) -> v >= 0)
			.sorted()
			.toArray();
		if (toKafka.length > 0) {
			out.append(row("…… relay received → consent-replied sent (its Kafka timestamp, ms precision)", toKafka));
			out.append(row("…… consent-replied sent → executed (broker, consumer, execution)", afterKafka));
		}
		return out.toString();
	}

	private static String row(String span, long[] sortedMicros) {
		return String.format("| %s | %.1f | %.1f | %.1f |%n", span, percentile(sortedMicros, 0.50) / 1000.0,
				percentile(sortedMicros, 0.99) / 1000.0, sortedMicros[sortedMicros.length - 1] / 1000.0);
	}

	/** Nearest rank, as the other benchmarks' percentiles. */
	static long percentile(long[] sorted, double fraction) {
		int rank = (int) Math.ceil(fraction * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
	}

	private static long micros(Instant from, Instant to) {
		return ChronoUnit.MICROS.between(from, to);
	}

	private HttpResponse<String> send(String method, String url, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static void expect(int status, HttpResponse<String> response) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": "
					+ response.statusCode() + " " + response.body());
		}
	}

	private static void awaitBound(SmscSimulator smsc) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (smsc.stats().boundSessions() == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the relay never bound to the SMSC simulator");
			}
			Thread.sleep(50);
		}
	}

	private static void deleteTree(Path root) throws IOException {
		try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static String option(String[] args, String name, String fallback) {
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--" + name + "="))
			.map((arg) -> arg.substring(name.length() + 3))
			.findFirst()
			.orElse(fallback);
	}

	/**
	 * A recipient: account, phone, and the simulator's name for its handset (E.164
	 * digits).
	 */
	private record Recipient(String account, String phone, String handset) {
	}

	/**
	 * One transfer's latencies, in microseconds ({@code -1}: its {@code consent-replied}
	 * was not seen).
	 */
	private record Sample(long totalMicros, long toRelayMicros, long afterRelayMicros, long toKafkaMicros,
			long afterKafkaMicros) {
	}

	/**
	 * When the relay's outbox relay handed each {@code consent-replied} to its producer:
	 * the record's timestamp (CreateTime, milliseconds), by transfer id (the record's
	 * key), read by a consumer group of the benchmark's own.
	 */
	private static final class PublishTimes implements AutoCloseable {

		private final Map<String, Instant> sent = new ConcurrentHashMap<>();

		private final KafkaConsumer<String, byte[]> consumer;

		private final Thread poller;

		private volatile boolean running = true;

		private PublishTimes(String bootstrapServers) {
			this.consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
							"bench-mo-latency", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
					new StringDeserializer(), new ByteArrayDeserializer());
			this.consumer.subscribe(List.of(Topics.CONSENT_REPLIED));
			this.poller = new Thread(this::poll, "bench-consent-replied");
		}

		static PublishTimes start(String bootstrapServers) {
			PublishTimes times = new PublishTimes(bootstrapServers);
			times.poller.start();
			return times;
		}

		private void poll() {
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.sent.put(record.key(), Instant.ofEpochMilli(record.timestamp()));
				}
			}
			this.consumer.close();
		}

		/** The reply's send time, waiting a little for the record; null if not seen. */
		Instant of(String transferId) throws InterruptedException {
			long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
			while (!this.sent.containsKey(transferId) && System.nanoTime() < deadline) {
				Thread.sleep(2);
			}
			return this.sent.get(transferId);
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.poller.join(5_000);
		}

	}

}
