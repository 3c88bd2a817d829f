package com.phoneverify.simulators.phone.http;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.PhoneSimulatorOptions;
import com.phoneverify.media.codec.G711;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneSimulatorHttpApiTests {

	private static PhoneSimulator simulator;

	private static PhoneSimulatorHttpApi api;

	private static HttpClient client;

	@BeforeAll
	static void start() {
		simulator = PhoneSimulator.start(PhoneSimulatorOptions.defaults());
		api = PhoneSimulatorHttpApi.start(simulator, "127.0.0.1", 0);
		client = HttpClient.create().baseUrl("http://127.0.0.1:" + api.address().getPort());
	}

	@AfterAll
	static void stop() {
		api.close();
		simulator.close();
	}

	@Test
	void armsKeysForANumberWithoutEchoingIt() {
		StepVerifier.create(post("/phones/+821012345678/arm", "{\"keys\":\"123456\",\"delayMs\":1500}"))
			.assertNext((reply) -> {
				assertThat(reply.status()).isEqualTo(202);
				assertThat(reply.body()).contains("\"+82 10-****-5678\"")
					.doesNotContain("12345678")
					.doesNotContain("123456");
			})
			.verifyComplete();
	}

	@Test
	void refusesInvalidKeysAsProblemDetails() {
		StepVerifier.create(post("/phones/+821012345678/arm", "{\"keys\":\"12x\",\"delayMs\":10}"))
			.assertNext((reply) -> {
				assertThat(reply.status()).isEqualTo(400);
				assertThat(reply.contentType()).isEqualTo("application/problem+json");
				assertThat(reply.body()).contains("\"status\":400", "invalid-keys");
			})
			.verifyComplete();
	}

	@Test
	void answersUnknownCallsWith404ProblemDetails() {
		StepVerifier.create(post("/calls/nope/hangup", "")).assertNext((reply) -> {
			assertThat(reply.status()).isEqualTo(404);
			assertThat(reply.contentType()).isEqualTo("application/problem+json");
			assertThat(reply.body()).contains("call-not-found");
		}).verifyComplete();
	}

	@Test
	void listsCallsAsJson() {
		StepVerifier.create(get("/calls")).assertNext((reply) -> {
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.contentType()).isEqualTo("application/json");
			assertThat(reply.body()).startsWith("[");
		}).verifyComplete();
	}

	@Test
	void writesAPlayableWavHeader() {
		byte[] wav = WavRecording.toWav(new byte[] { (byte) 0xFF, 0x00 }, G711.PCMU);
		ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);

		assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
		assertThat(new String(wav, 8, 8)).isEqualTo("WAVEfmt ");
		assertThat(header.getInt(24)).isEqualTo(8000);
		assertThat(header.getShort(34)).isEqualTo((short) 16);
		assertThat(header.getInt(40)).isEqualTo(4);
		assertThat(header.getShort(44)).isZero();
		assertThat(header.getShort(46)).isEqualTo((short) -32124);
	}

	record Reply(int status, String contentType, String body) {
	}

	private static Mono<Reply> get(String path) {
		return client.get()
			.uri(path)
			.responseSingle((response, body) -> reply(response.status().code(),
					response.responseHeaders().get("Content-Type"), body.asString().defaultIfEmpty("")));
	}

	private static Mono<Reply> post(String path, String json) {
		return client.headers((headers) -> headers.set("Content-Type", "application/json"))
			.post()
			.uri(path)
			.send(ByteBufFlux.fromString(Mono.just(json)))
			.responseSingle((response, body) -> reply(response.status().code(),
					response.responseHeaders().get("Content-Type"), body.asString().defaultIfEmpty("")))
			.timeout(Duration.ofSeconds(5));
	}

	private static Mono<Reply> reply(int status, String contentType, Mono<String> body) {
		return body.map((text) -> new Reply(status, contentType, text));
	}

}
