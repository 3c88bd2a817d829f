package com.phoneverify.bench.sms;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.phoneverify.bench.CpuParts;
import com.phoneverify.bench.HttpLoad;
import com.phoneverify.bench.Machine;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.simulators.smsc.HandsetMessage;
import com.phoneverify.simulators.smsc.SmscSimulator;
import com.phoneverify.simulators.smsc.SmscSimulatorOptions;
import com.phoneverify.sms.SmsRelayApplication;
import com.phoneverify.sms.outbound.Dispatcher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Messages per second submitted to the same SMSC simulator (SMPP, one transceiver each)
 * by our relay and by Kannel 1.4.5, side by side in one run, each with a durable store
 * (our PostgreSQL with fsync on; Kannel's spool), each counted at the SMSC: every message
 * must arrive exactly once.
 * <p>
 * Each side gets one continuous stream of {@code warmup + messages}: our relay as
 * {@code SmsRequested} published to {@code sms-outbound} as fast as the producer goes,
 * Kannel as sendsms HTTP requests from {@code clients} threads. The clock runs from the
 * {@code warmup}-th message at the SMSC to the last, so it times the last
 * {@code messages} of the stream: in a steady state, with the JIT's compilation, the
 * pools and the caches warm, as in a service that has been running (a pause between a
 * warm-up and the timed part made the JIT compile again when the load came back), and
 * with no time to fill an empty queue. The relay's JVM (with its Kafka broker) was still
 * compiling for a third of the time after 100,000 messages and for a fifth after 300,000
 * (the default); the table says how much it compiled while timed. Every message of the
 * stream, warm-up included, must reach the SMSC exactly once. The driver holds back while
 * {@code backlog} (default 5,000) messages are handed over and not yet at the SMSC, so
 * that each system takes messages in and sends them out at once, as under a sustained
 * load, instead of storing the whole stream first and then timing only its sending.
 * Receipts are off in the simulator: this measures submits. A second table splits the
 * machine's CPU while timed into the system measured (the relay's threads; Kannel's two
 * boxes), its store, the Kafka broker, jSMPP's threads, the JVM's own (JIT, GC) and the
 * harness ({@link CpuParts}): the rate of either system on two cores is also bounded by
 * what its harness and infrastructure take.
 *
 * <pre>
 * scripts/bench-sms.sh --messages=60000 --window=100 --clients=16 [--warmup=300000] [--backlog=5000] [--progress=true]
 * </pre>
 *
 * (the script runs this tree's modules; {@code bench/target/classpath.txt} alone would
 * take the project's modules from whatever was last installed in {@code ~/.m2}).
 */
public final class SmsThroughput {

	private static final String KEY_ID = "bench";

	private static final String KEY = "YmVuY2gtc21zLXJlbGF5LXRocm91Z2hwdXQta2V5LTE=";

	private static final String SENDER = "15880000";

	private SmsThroughput() {
	}

	public static void main(String[] args) throws Exception {
		int messages = Integer.parseInt(option(args, "messages", "20000"));
		int window = Integer.parseInt(option(args, "window", "50"));
		int clients = Integer.parseInt(option(args, "clients", "16"));
		warmup = Integer.parseInt(option(args, "warmup", "300000"));
		backlog = Integer.parseInt(option(args, "backlog", "5000"));
		boolean kannel = !option(args, "kannel", "true").equals("false");
		boolean relay = !option(args, "relay", "true").equals("false");
		option = option(args, "progress", "false").equals("true");
		relayOverrides = java.util.Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--relay."))
			.map((arg) -> "--" + arg.substring("--relay.".length()))
			.toList();
		System.setProperty("logging.level.root", "WARN");
		List<Rows> rows = new ArrayList<>();
		if (relay) {
			rows.add(runRelay(messages, window));
		}
		if (kannel) {
			rows.add(runKannel(messages, window, clients));
		}
		System.out.printf(
				"%nRun %s. Machine: %s.%nOne stream of %d messages, at most %d handed over and not yet at the SMSC; timed: the last %d (from the %d-th at the SMSC to the last), window %d (both sides), receipts off.%n",
				Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES), Machine.current().describe(),
				warmup + messages, backlog, messages, warmup, window);
		System.out.println(
				"| system | store | messages at the SMSC | exactly once | seconds | messages/s | machine CPU µs/message | JIT compiling (s per s) | load average before/after |");
		System.out.println("| --- | --- | --- | --- | --- | --- | ---: | ---: | --- |");
		rows.forEach((row) -> System.out.println(row.rate()));
		System.out.printf("%nWhere the machine's CPU went while timed, µs per message (%s):%n", PARTS_EXPLAINED);
		System.out.println("| system | " + String.join(" | ", PARTS) + " | machine |");
		System.out.println("| --- |" + " ---: |".repeat(PARTS.size() + 1));
		rows.forEach((row) -> System.out.println(row.cpu()));
		System.exit(0);
	}

	/** A run's line of the rate table and its line of the CPU table. */
	private record Rows(String rate, String cpu) {
	}

	private static Rows runRelay(int messages, int window) throws Exception {
		Path data = Files.createTempDirectory("bench-sms-pg-");
		try {
			return runRelay(data, messages, window);
		}
		finally {
			deleteTree(data);
		}
	}

	private static Rows runRelay(Path data, int messages, int window) throws Exception {
		try (EmbeddedInfra infra = EmbeddedInfra.start(new EmbeddedInfra.Options(0, data, true));
				SmscSimulator smsc = SmscSimulator.start(SmscSimulatorOptions.defaults())) {
			smsc.switches().receipts(false);
			createTopic(infra, Topics.SMS_OUTBOUND, 3);
			ConfigurableApplicationContext service = new SpringApplicationBuilder(SmsRelayApplication.class)
				.initializers(new EmbeddedInfraInitializer(infra))
				.run(relayArguments(smsc.address().getPort(), window));
			try {
				awaitBound(smsc);
				Sealer sealer = Sealer.of(Map.of(KEY_ID, KEY), KEY_ID);
				EventCodec codec = new EventCodec();
				int total = warmup + messages;
				List<byte[]> records = new ArrayList<>(total);
				List<String> keys = new ArrayList<>(total);
				for (int i = 0; i < total; i++) {
					SmsMessageId id = SmsMessageId.random();
					SmsRequested request = new SmsRequested(id, SmsKind.SMS, SENDER,
							sealer.seal(number(i), SmsRequested.sealingContext(id, "to")),
							sealer.seal("bench " + i, SmsRequested.sealingContext(id, "text")), null,
							Instant.now().plus(Duration.ofHours(1)));
					records.add(codec.encode(EventTopics.SMS_OUTBOUND.envelope(request, Instant.now(), null)));
					keys.add(id.toString());
				}
				Properties config = new Properties();
				config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
				// names its I/O thread apart from the relay's producer (harness, not
				// relay)
				config.put(ProducerConfig.CLIENT_ID_CONFIG, DRIVER_CLIENT_ID);
				config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
				double loadBefore = Machine.loadAverage();
				// one continuous stream: the warm-up's messages and the timed ones, with
				// no pause between them, published by a thread of its own while this
				// one watches the SMSC
				Backlog backlog = new Backlog(smsc);
				// closed after the clock stops: a thread that ends takes its CPU time
				// with it (CpuParts)
				Mark start;
				Mark end;
				try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
						new ByteArraySerializer())) {
					Future<?> published = driver().submit(() -> {
						for (int i = 0; i < total; i++) {
							backlog.enter();
							producer.send(new ProducerRecord<>(Topics.SMS_OUTBOUND, keys.get(i), records.get(i)));
						}
						producer.flush();
						return null;
					});
					CpuParts cpu = new CpuParts(SmsThroughput::relayRunThread,
							Map.of(STORE, () -> CpuParts.postgres(data)));
					start = awaitMessages(smsc, warmup, Duration.ofMinutes(10), () -> stored(infra), cpu);
					end = awaitMessages(smsc, total, Duration.ofMinutes(10), () -> stored(infra), cpu);
					published.get();
				}
				backlog.close();
				Dispatcher dispatcher = service.getBean(Dispatcher.class);
				System.out.printf(
						"relay: %d messages handed by its intake to its dispatcher, %d claimed from its queue%n",
						dispatcher.handedOverMessages(), dispatcher.claimedMessages());
				return row("our relay (jSMPP, Kafka in)", "PostgreSQL, fsync on", smsc, total, messages, start, end,
						loadBefore);
			}
			finally {
				service.close();
			}
		}
	}

	/**
	 * The relay's settings for the run; {@code --relay.<property>=<value>} arguments of
	 * the benchmark are added (e.g. {@code --relay.sms.intake.max-poll-records=500}) and
	 * replace a default of the same property (Spring would join the two values with a
	 * comma).
	 */
	private static String[] relayArguments(int smscPort, int window) {
		List<String> arguments = new ArrayList<>(List.of("--spring.config.name=sms-relay-service", "--server.port=0",
				"--sms.smsc.port=" + smscPort, "--sms.sealing.keys." + KEY_ID + "=" + KEY,
				"--sms.sealing.current-key-id=" + KEY_ID, "--sms.sender-numbers[0]=" + SENDER,
				"--sms.smsc.window=" + window, "--sms.smsc.max-rate=1000000", "--sms.dispatch.batch-size=500",
				"--sms.dispatch.poll-interval=20ms", "--logging.level.root=WARN"));
		for (String override : relayOverrides) {
			int equals = override.indexOf('=');
			if (equals > 0) {
				String property = override.substring(0, equals + 1);
				arguments.removeIf((argument) -> argument.startsWith(property));
			}
			arguments.add(override);
		}
		return arguments.toArray(new String[0]);
	}

	private static Rows runKannel(int messages, int window, int clients) throws Exception {
		try (SmscSimulator smsc = SmscSimulator.start(SmscSimulatorOptions.defaults())) {
			smsc.switches().receipts(false);
			Path work = Files.createTempDirectory("bench-kannel-");
			Files.createDirectories(work.resolve("spool"));
			int sendsmsPort = freePort();
			int smsboxPort = freePort();
			String config;
			try (InputStream in = SmsThroughput.class.getResourceAsStream("/bench/kannel-bench.conf")) {
				config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			config = config.replace("${adminPort}", String.valueOf(freePort()))
				.replace("${smsboxPort}", String.valueOf(smsboxPort))
				.replace("${sendsmsPort}", String.valueOf(sendsmsPort))
				.replace("${smscPort}", String.valueOf(smsc.address().getPort()))
				.replace("${window}", String.valueOf(window))
				.replace("${work}", work.toString());
			Path file = work.resolve("kannel.conf");
			Files.writeString(file, config);
			Process bearerbox = new ProcessBuilder("/usr/sbin/bearerbox", "-v", "2", file.toString())
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("bearerbox.out").toFile())
				.start();
			// smsbox gives up at once when bearerbox does not listen yet
			awaitPort(smsboxPort);
			Process smsbox = new ProcessBuilder("/usr/sbin/smsbox", "-v", "2", file.toString())
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("smsbox.out").toFile())
				.start();
			try {
				awaitPort(sendsmsPort);
				awaitBound(smsc);
				InetSocketAddress sendsms = new InetSocketAddress("127.0.0.1", sendsmsPort);
				AtomicInteger refused = new AtomicInteger();
				ExecutorService pool = Executors.newFixedThreadPool(clients, (runnable) -> {
					Thread thread = new Thread(runnable, "sendsms-client");
					thread.setDaemon(true);
					return thread;
				});
				CpuParts cpu = new CpuParts(SmsThroughput::kannelRunThread,
						Map.of(SYSTEM, () -> List.of(bearerbox.pid(), smsbox.pid())));
				double loadBefore = Machine.loadAverage();
				// one continuous stream, as for the relay
				Backlog backlog = new Backlog(smsc);
				Future<?> sent = driver().submit(() -> {
					sendFrom(pool, clients, sendsms, backlog, 0, warmup + messages, refused);
					return null;
				});
				Mark start = awaitMessages(smsc, warmup, Duration.ofMinutes(10), () -> "", cpu);
				sent.get();
				if (refused.get() > 0) {
					System.out.println("Kannel refused " + refused.get() + " sendsms requests");
				}
				Mark end = awaitMessages(smsc, warmup + messages - refused.get(), Duration.ofMinutes(10), () -> "",
						cpu);
				// after the clock stops: a thread that ends takes its CPU time with it
				pool.shutdown();
				backlog.close();
				return row("Kannel 1.4.5 (sendsms HTTP in, " + clients + " clients)", "spool", smsc, warmup + messages,
						messages, start, end, loadBefore);
			}
			finally {
				smsbox.destroy();
				bearerbox.destroy();
				smsbox.waitFor();
				bearerbox.waitFor();
				deleteTree(work);
			}
		}
	}

	/** The thread that hands the stream over, apart from the one watching the SMSC. */
	private static ExecutorService driver() {
		return Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "driver");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Messages {@code from} (inclusive) to {@code to}, from {@code clients} threads. */
	private static void sendFrom(ExecutorService pool, int clients, InetSocketAddress sendsms, Backlog backlog,
			int from, int to, AtomicInteger refused) throws Exception {
		AtomicInteger next = new AtomicInteger(from);
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			done.add(pool.submit(() -> {
				sendAll(sendsms, backlog, next, to, refused);
				return null;
			}));
		}
		for (Future<?> future : done) {
			future.get();
		}
	}

	/**
	 * One client: sendsms GETs on one keep-alive connection (hand-written HTTP/1.1, as
	 * lean as the C clients the Kannel figures were taken with: the JDK's
	 * HttpClient cost more CPU per request than smsbox and bearerbox together). A request
	 * whose answer was lost is not sent again (it may have been accepted): the count at
	 * the SMSC tells.
	 */
	private static void sendAll(InetSocketAddress sendsms, Backlog backlog, AtomicInteger next, int end,
			AtomicInteger refused) throws IOException, InterruptedException {
		HttpLoad.Connection connection = new HttpLoad.Connection(sendsms);
		try {
			for (int i = next.getAndIncrement(); i < end; i = next.getAndIncrement()) {
				backlog.enter();
				byte[] request = ("GET /cgi-bin/sendsms?username=bench&password=bench&from=" + SENDER + "&to="
						+ number(i).substring(1) + "&text=" + URLEncoder.encode("bench " + i, StandardCharsets.UTF_8)
						+ " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				try {
					if (connection.exchange(request).status() != 202) {
						refused.incrementAndGet();
						backlog.refused();
					}
				}
				catch (IOException ex) {
					refused.incrementAndGet();
					backlog.refused();
					connection.close();
					connection = new HttpLoad.Connection(sendsms);
				}
			}
		}
		finally {
			connection.close();
		}
	}

	/**
	 * @param total messages sent, warm-up included: each must be at the SMSC exactly once
	 * @param messages the timed ones, the last of the stream
	 */
	private static Rows row(String system, String store, SmscSimulator smsc, int total, int messages, Mark start,
			Mark end, double loadBefore) {
		List<HandsetMessage> all = smsc.allMessages();
		long distinct = all.stream().map((message) -> message.to() + "/" + message.text()).distinct().count();
		boolean exactlyOnce = all.size() == total && distinct == total;
		double seconds = (end.nanos() - start.nanos()) / 1e9;
		double cpuMicros = (start.busyTicks() < 0) ? Double.NaN
				: (end.busyTicks() - start.busyTicks()) * 1e6 / Machine.TICKS_PER_SECOND / messages;
		// seconds the JIT spent compiling (summed over its threads) per second
		// timed; this JVM holds the relay, its broker, the simulator and the
		// driver, so for the relay it says how far from settled its JIT still was
		double jitShare = (end.compileMillis() - start.compileMillis()) / (seconds * 1000);
		String rate = String.format("| %s | %s | %d | %s | %.2f | %.0f | %.0f | %.2f | %.1f / %.1f |", system, store,
				all.size(), exactlyOnce ? "yes" : "NO", seconds, messages / seconds, cpuMicros, jitShare, loadBefore,
				Machine.loadAverage());
		Map<String, Long> spent = CpuParts.between(start.cpu(), end.cpu());
		StringBuilder cpu = new StringBuilder("| ").append(system).append(" |");
		for (String part : PARTS) {
			Long nanos = spent.get(part);
			cpu.append((nanos == null) ? " – |" : String.format(" %.0f |", nanos / 1000.0 / messages));
		}
		return new Rows(rate, cpu.append(String.format(" %.0f |", cpuMicros)).toString());
	}

	/** The parts of the CPU table, in its order. */
	private static final String SYSTEM = "the system (relay's threads; bearerbox + smsbox)";

	private static final String STORE = "its store (PostgreSQL)";

	private static final String BROKER = "Kafka broker";

	private static final String SMPP = "jSMPP's threads";

	private static final String HARNESS = "driver and simulator";

	private static final List<String> PARTS = List.of(SYSTEM, STORE, BROKER, SMPP, CpuParts.JVM_ITSELF, HARNESS);

	private static final String PARTS_EXPLAINED = "this JVM holds the simulator and the driver, and for the relay "
			+ "also the relay and its Kafka broker; jSMPP names its threads alike in the relay and in the simulator, "
			+ "so that column holds both ends (for Kannel, the simulator's end alone); Kannel's spool is inside its "
			+ "boxes";

	private static final String DRIVER_CLIENT_ID = "bench-driver";

	/** Which part a thread of this JVM works for, in the relay's run. */
	private static String relayRunThread(String name) {
		if (jsmpp(name)) {
			return SMPP;
		}
		if (harness(name) || name.endsWith("| " + DRIVER_CLIENT_ID)) {
			return HARNESS;
		}
		for (String relay : List.of("sms-", "smpp-", "reactor-", "kafka-send", "kafka-producer-network-thread",
				"kafka-coordinator-heartbeat-thread", "parallel-", "boundedElastic-", "single-",
				"ThreadPoolTaskScheduler")) {
			if (name.startsWith(relay)) {
				return SYSTEM;
			}
		}
		// what is left in this JVM is the embedded broker's
		return BROKER;
	}

	/** Which part a thread of this JVM works for, in Kannel's run (Kannel is outside). */
	private static String kannelRunThread(String name) {
		return jsmpp(name) ? SMPP : HARNESS;
	}

	private static boolean jsmpp(String name) {
		return name.startsWith("PDUReaderWorker") || name.startsWith("EnquireLinkSender") || name.startsWith("pool-");
	}

	private static boolean harness(String name) {
		return name.equals("main") || name.startsWith("driver") || name.startsWith("backlog")
				|| name.startsWith("smsc-") || name.startsWith("sendsms-client");
	}

	/**
	 * A distinct Korean mobile number per message (so no per-recipient limit applies).
	 */
	private static String number(int i) {
		return String.format("+8210%08d", 10_000_000 + i);
	}

	/**
	 * At most {@code backlog} messages handed over and not yet at the SMSC: both systems
	 * then take messages in and send them out at the same time, at the rate they can
	 * sustain, rather than filling a queue first and draining it after. A sender waits
	 * for a permit; one watcher thread gives back as many as reached the SMSC, every half
	 * millisecond, so that waiting senders cost no CPU (16 HTTP clients polling the count
	 * themselves would have charged Kannel's run for their spinning).
	 */
	private static final class Backlog implements AutoCloseable {

		private final Semaphore room = new Semaphore(backlog);

		private volatile boolean open = true;

		Backlog(SmscSimulator smsc) {
			int first = smsc.messagesTaken();
			Thread watcher = new Thread(() -> {
				int seen = first;
				while (this.open) {
					LockSupport.parkNanos(500_000);
					int now = smsc.messagesTaken();
					if (now > seen) {
						this.room.release(now - seen);
						seen = now;
					}
				}
			}, "backlog");
			watcher.setDaemon(true);
			watcher.start();
		}

		void enter() throws InterruptedException {
			this.room.acquire();
		}

		/** A refused request never reaches the SMSC: its place is free again. */
		void refused() {
			this.room.release();
		}

		@Override
		public void close() {
			this.open = false;
		}

	}

	/**
	 * When a count was reached: {@link System#nanoTime()}, the machine's busy CPU, this
	 * JVM's JIT compilation time and the CPU of each part of the run so far.
	 */
	private record Mark(long nanos, long busyTicks, long compileMillis, Map<String, Long> cpu) {
	}

	private static Mark awaitMessages(SmscSimulator smsc, int messages, Duration timeout,
			java.util.function.Supplier<String> progress, CpuParts cpu) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long nextReport = System.nanoTime();
		while (smsc.stats().messages() < messages) {
			if (System.nanoTime() > nextReport && option) {
				System.out.printf("  %d at the SMSC %s%n", smsc.stats().messages(), progress.get());
				nextReport = System.nanoTime() + 1_000_000_000L;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"only " + smsc.stats().messages() + " of " + messages + " messages reached the SMSC");
			}
			Thread.sleep(5);
		}
		return new Mark(System.nanoTime(), Machine.busyTicks(),
				ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), cpu.snapshot());
	}

	/** Rows by status in the relay's database (progress). */
	private static String stored(EmbeddedInfra infra) {
		try (java.sql.Connection db = java.sql.DriverManager.getConnection(infra.jdbcUrl("sms_relay_service"),
				infra.username(), infra.password());
				java.sql.ResultSet rows = db.createStatement()
					.executeQuery("SELECT status, count(*) FROM sms.messages GROUP BY status ORDER BY status")) {
			StringBuilder text = new StringBuilder();
			while (rows.next()) {
				text.append(' ').append(rows.getString(1)).append('=').append(rows.getLong(2));
			}
			return text.toString();
		}
		catch (java.sql.SQLException ex) {
			return ex.getMessage();
		}
	}

	private static boolean option;

	/** Messages sent and awaited before the clock starts, on both sides. */
	private static int warmup;

	/** Messages handed over and not yet at the SMSC, at most (see {@link Backlog}). */
	private static int backlog;

	private static List<String> relayOverrides = List.of();

	private static void awaitBound(SmscSimulator smsc) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (smsc.stats().boundSessions() == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("nothing bound to the SMSC simulator");
			}
			Thread.sleep(50);
		}
	}

	private static void awaitPort(int port) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("port " + port + " never opened");
				}
				Thread.sleep(100);
			}
		}
	}

	private static void createTopic(EmbeddedInfra infra, String topic, int partitions) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
	}

	/**
	 * The spool and Kannel's logs: a run leaves nothing behind in the temporary
	 * directory.
	 */
	private static void deleteTree(Path root) throws IOException {
		try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String option(String[] args, String name, String fallback) {
		for (String arg : args) {
			if (arg.startsWith("--" + name + "=")) {
				return arg.substring(name.length() + 3);
			}
		}
		return fallback;
	}

}
