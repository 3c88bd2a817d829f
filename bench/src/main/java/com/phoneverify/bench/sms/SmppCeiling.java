package com.phoneverify.bench.sms;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.bench.Machine;
import com.phoneverify.simulators.smsc.SmscSimulator;
import com.phoneverify.simulators.smsc.SmscSimulatorOptions;
import com.phoneverify.sms.smpp.JsmppSmsc;
import com.phoneverify.sms.smsc.MobileMessage;
import com.phoneverify.sms.smsc.Receipt;
import com.phoneverify.sms.smsc.Segment;
import com.phoneverify.sms.smsc.SmscPort;
import com.phoneverify.sms.smsc.SubmitResult;
import reactor.core.publisher.Mono;

/**
 * The relay's SMPP adapter alone against the SMSC simulator, in one JVM: no Kafka, no
 * store. {@code window} threads submit as fast as the answers come. This is the ceiling
 * of any store design behind the same adapter, and the CPU it costs per message is what
 * is left of a message's budget for everything else (SmsThroughput).
 *
 * <pre>
 * scripts/bench-from-tree.sh com.phoneverify.bench.sms.SmppCeiling [messages] [window]
 * </pre>
 *
 * The first round warms the JIT; the table shows both.
 */
public final class SmppCeiling {

	private SmppCeiling() {
	}

	public static void main(String[] args) throws Exception {
		int messages = Integer.parseInt((args.length > 0) ? args[0] : "100000");
		int window = Integer.parseInt((args.length > 1) ? args[1] : "100");
		System.setProperty("logging.level.root", "WARN");
		StringBuilder rows = new StringBuilder();
		try (SmscSimulator smsc = SmscSimulator.start(SmscSimulatorOptions.defaults())) {
			smsc.switches().receipts(false);
			JsmppSmsc client = new JsmppSmsc(
					new JsmppSmsc.Settings("127.0.0.1", smsc.address().getPort(), "bench", "bench", "",
							Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10),
							Duration.ofMillis(200), Duration.ofSeconds(5), 4, Duration.ofSeconds(10)),
					new IgnoreMobile(), Clock.systemUTC());
			client.start();
			while (!client.isBound()) {
				Thread.sleep(50);
			}
			Segment segment = new Segment((byte) 0, "bench 123456".getBytes(StandardCharsets.US_ASCII), false, false);
			for (int round = 1; round <= 2; round++) {
				rows.append(round(client, segment, messages, window, round)).append('\n');
			}
			client.close();
		}
		System.out.printf("%nRun %s. Machine: %s.%n", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
				Machine.current().describe());
		System.out.println("| round | messages | window | messages/s | CPU of the JVM per message (µs) |");
		System.out.println("| --- | --- | --- | --- | --- |");
		System.out.print(rows);
		System.exit(0);
	}

	private static String round(JsmppSmsc client, Segment segment, int messages, int window, int round)
			throws InterruptedException {
		AtomicInteger left = new AtomicInteger(messages);
		CountDownLatch done = new CountDownLatch(window);
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long cpuBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		for (int i = 0; i < window; i++) {
			Thread submitter = new Thread(() -> {
				while (left.getAndDecrement() > 0) {
					SubmitResult result = client.submit("15880000", "01012345678", segment);
					if (!(result instanceof SubmitResult.Accepted)) {
						throw new IllegalStateException("the simulator did not accept a submit: " + result);
					}
				}
				done.countDown();
			});
			submitter.start();
		}
		done.await();
		long nanos = System.nanoTime() - start;
		long cpu = os.getProcessCpuTime() - cpuBefore;
		return String.format("| %d | %d | %d | %.0f | %.1f |", round, messages, window, messages * 1e9 / nanos,
				cpu / 1000.0 / messages);
	}

	/** No receipts (the simulator's are off) and no mobile-originated messages here. */
	private static final class IgnoreMobile implements SmscPort.Listener {

		@Override
		public Mono<Void> onReceipt(Receipt receipt) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> onMessage(MobileMessage message) {
			return Mono.empty();
		}

	}

}
