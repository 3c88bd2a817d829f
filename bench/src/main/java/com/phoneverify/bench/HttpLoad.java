package com.phoneverify.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.phoneverify.contracts.http.RequestSignature;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A closed loop of {@code concurrency} clients, each sending its next signed POST as soon
 * as the previous one is answered, for a fixed time after a warm-up.
 */
final class HttpLoad {

	record Result(long accepted, long rejected, double seconds, Latencies latencies) {

		double perSecond() {
			return this.accepted / this.seconds;
		}

	}

	private final HttpClient client;

	private final Credentials credentials;

	HttpLoad(Credentials credentials, int concurrency) {
		this.credentials = credentials;
		this.client = HttpClient
			.create(ConnectionProvider.builder("bench").maxConnections(concurrency).pendingAcquireMaxCount(-1).build())
			.baseUrl(credentials.url());
	}

	Result run(int concurrency, Duration warmUp, Duration measured) {
		drive(concurrency, warmUp, new Latencies(), new AtomicLong(), new AtomicLong());
		Latencies latencies = new Latencies();
		AtomicLong accepted = new AtomicLong();
		AtomicLong rejected = new AtomicLong();
		long started = System.nanoTime();
		drive(concurrency, measured, latencies, accepted, rejected);
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Result(accepted.get(), rejected.get(), seconds, latencies);
	}

	private void drive(int concurrency, Duration duration, Latencies latencies, AtomicLong accepted,
			AtomicLong rejected) {
		long deadline = System.nanoTime() + duration.toNanos();
		Flux.range(0, concurrency)
			.flatMap(client -> Mono.defer(() -> postOnce(latencies, accepted, rejected))
				.repeat(() -> System.nanoTime() < deadline), concurrency)
			.then()
			.block();
	}

	private Mono<Void> postOnce(Latencies latencies, AtomicLong accepted, AtomicLong rejected) {
		// Answering numbers: each verification becomes a real call that waits for a
		// channel.
		String phone = String.format("010-%04d-%04d", ThreadLocalRandom.current().nextInt(2000, 9000),
				ThreadLocalRandom.current().nextInt(1000, 9000));
		byte[] body = ("{\"type\":\"A\",\"phone\":\"" + phone + "\"}").getBytes(StandardCharsets.UTF_8);
		String path = "/v1/ars-verifications";
		RequestSignature signature = RequestSignature.sign(this.credentials.keyId(), this.credentials.secret(), "POST",
				path, Instant.now().getEpochSecond(), UUID.randomUUID().toString().replace("-", ""), body);
		long started = System.nanoTime();
		return this.client
			.headers(headers -> headers.set("Authorization", signature.toHeaderValue())
				.set("Content-Type", "application/json"))
			.post()
			.uri(path)
			.send(ByteBufFlux.fromInbound(Mono.just(Unpooled.wrappedBuffer(body))))
			.responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
			.doOnNext(status -> {
				if (status == 201) {
					latencies.add(System.nanoTime() - started);
					accepted.incrementAndGet();
				}
				else {
					rejected.incrementAndGet();
				}
			})
			.onErrorResume(error -> {
				rejected.incrementAndGet();
				return Mono.empty();
			})
			.then();
	}

}
