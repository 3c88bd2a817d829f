package com.phoneverify.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * A closed loop of {@code concurrency} clients, each on its own keep-alive connection,
 * sending its next signed POST as soon as the previous one is answered. The client runs
 * on its own event loops ({@code threads}) and measures the CPU time it used itself, so
 * the report can show that the driver was not the bottleneck.
 */
final class HttpLoad implements AutoCloseable {

	/**
	 * @param accepted 201 answers
	 * @param rejected other answers and transport errors
	 * @param driverCpuSeconds CPU time the whole driver process used meanwhile
	 */
	record Result(long accepted, long rejected, double seconds, Latencies latencies, double driverCpuSeconds) {

		double perSecond() {
			return this.accepted / this.seconds;
		}

		/** The driver's share of the machine while it ran, in cores. */
		double driverCores() {
			return this.driverCpuSeconds / this.seconds;
		}

	}

	static final String PATH = "/v1/ars-verifications";

	private final HttpClient client;

	private final LoopResources loops;

	private final ConnectionProvider connections;

	private final RequestSigner signer;

	private final int concurrency;

	HttpLoad(Credentials credentials, int concurrency, int threads) {
		this.concurrency = concurrency;
		this.signer = new RequestSigner(credentials.keyId(), credentials.secret());
		this.loops = LoopResources.create("bench-http", threads, true);
		this.connections = ConnectionProvider.builder("bench")
			.maxConnections(concurrency)
			.pendingAcquireMaxCount(-1)
			.build();
		this.client = HttpClient.create(this.connections).runOn(this.loops).baseUrl(credentials.url());
	}

	/** Drives the load for {@code duration} and reports what was accepted meanwhile. */
	Result run(Duration duration) {
		Latencies latencies = new Latencies();
		AtomicLong accepted = new AtomicLong();
		AtomicLong rejected = new AtomicLong();
		long cpuBefore = processCpuNanos();
		long started = System.nanoTime();
		long deadline = started + duration.toNanos();
		Flux.range(0, this.concurrency)
			.flatMap((client) -> Mono.defer(() -> postOnce(latencies, accepted, rejected))
				.repeat(() -> System.nanoTime() < deadline), this.concurrency)
			.then()
			.block();
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Result(accepted.get(), rejected.get(), seconds, latencies, (processCpuNanos() - cpuBefore) / 1e9);
	}

	private Mono<Void> postOnce(Latencies latencies, AtomicLong accepted, AtomicLong rejected) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		// Answering numbers: against devstack each verification becomes a real call.
		String phone = "010-" + random.nextInt(2000, 9000) + "-" + random.nextInt(1000, 9000);
		byte[] body = ("{\"type\":\"A\",\"phone\":\"" + phone + "\"}").getBytes(StandardCharsets.UTF_8);
		String authorization = this.signer.authorization("POST", PATH, System.currentTimeMillis() / 1000,
				RequestSigner.nonce(), body);
		long started = System.nanoTime();
		return this.client
			.headers((headers) -> headers.set("Authorization", authorization).set("Content-Type", "application/json"))
			.post()
			.uri(PATH)
			.send(ByteBufFlux.fromInbound(Mono.just(Unpooled.wrappedBuffer(body))))
			.responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
			.doOnNext((status) -> {
				if (status == 201) {
					latencies.add(System.nanoTime() - started);
					accepted.incrementAndGet();
				}
				else {
					rejected.incrementAndGet();
				}
			})
			.onErrorResume((error) -> {
				rejected.incrementAndGet();
				return Mono.empty();
			})
			.then();
	}

	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	@Override
	public void close() {
		this.connections.dispose();
		this.loops.dispose();
	}

}
