package com.phoneverify.simulators.phone.http;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.media.codec.G711;
import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.call.ArmedKeys;
import com.phoneverify.simulators.phone.call.CallState;
import com.phoneverify.simulators.phone.call.PhoneNumbers;
import com.phoneverify.simulators.phone.call.SimulatedCall;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's HTTP control API on reactor-netty (no Spring context needed):
 *
 * <pre>
 * GET  /calls[?number=010…]       recent calls (to that number), numbers masked
 * POST /phones/{number}/arm        {"keys":"123456","delayMs":1500}: keys for the next answered call
 * POST /calls/{id}/keys            {"keys":"1"}: press keys now
 * POST /calls/{id}/hangup          the phone hangs up
 * GET  /calls/{id}/recording.wav   received audio, 16-bit PCM WAV, 8 kHz mono
 * </pre>
 *
 * Errors are RFC 9457 problem details ({@code application/problem+json}).
 */
public final class PhoneSimulatorHttpApi implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PhoneSimulatorHttpApi.class);

	private static final String PROBLEM_TYPE_BASE = "https://phoneverify.example/problems/simulator/";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PhoneSimulator simulator;

	private final DisposableServer server;

	private PhoneSimulatorHttpApi(PhoneSimulator simulator, String host, int port) {
		this.simulator = simulator;
		this.server = HttpServer.create()
			.host(host)
			.port(port)
			.route((routes) -> routes.get("/calls", this::listCalls)
				.post("/phones/{number}/arm", this::arm)
				.post("/calls/{id}/keys", this::pressKeys)
				.post("/calls/{id}/hangup", this::hangUp)
				.get("/calls/{id}/recording.wav", this::recording)
				.route((request) -> true,
						(request, response) -> problem(response, HttpResponseStatus.NOT_FOUND, "not-found",
								"No such resource", "See the README for the routes.")))
			.bindNow();
	}

	/**
	 * Starts the API.
	 * @param port the TCP port, 0 for a free one
	 */
	public static PhoneSimulatorHttpApi start(PhoneSimulator simulator, String host, int port) {
		return new PhoneSimulatorHttpApi(simulator, host, port);
	}

	/** Where the API listens. */
	public InetSocketAddress address() {
		return (InetSocketAddress) this.server.address();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(2));
	}

	/** One call as the API shows it; the number is masked. */
	record CallView(String id, String number, CallState state, int sipStatus, Instant startedAt,
			Optional<Instant> answeredAt, Optional<Instant> endedAt, Optional<String> endedBy) {

		static CallView of(SimulatedCall call) {
			return new CallView(call.id(), call.maskedNumber(), call.state(), call.sipStatusSent(), call.startedAt(),
					call.answeredAt(), call.endedAt(), call.endedBy().map(Enum::name));
		}

		Map<String, Object> toJson() {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("id", this.id);
			view.put("number", this.number);
			view.put("state", this.state.name());
			view.put("sipStatus", this.sipStatus);
			view.put("startedAt", this.startedAt.toString());
			view.put("answeredAt", this.answeredAt.map(Instant::toString).orElse(null));
			view.put("endedAt", this.endedAt.map(Instant::toString).orElse(null));
			view.put("endedBy", this.endedBy.orElse(null));
			return view;
		}

	}

	/** Body of {@code POST /phones/{number}/arm}. */
	record ArmRequest(String keys, long delayMs) {
	}

	/** Body of {@code POST /calls/{id}/keys}. */
	record KeysRequest(String keys) {
	}

	private Publisher<Void> listCalls(HttpServerRequest request, HttpServerResponse response) {
		List<String> wanted = new QueryStringDecoder(request.uri()).parameters().getOrDefault("number", List.of());
		String number = wanted.isEmpty() ? null : PhoneNumbers.normalize(wanted.get(0));
		List<Map<String, Object>> calls = this.simulator.calls()
			.stream()
			.filter((call) -> number == null || call.number().equals(number))
			.map(CallView::of)
			.map(CallView::toJson)
			.toList();
		return json(response, HttpResponseStatus.OK, calls);
	}

	private Publisher<Void> arm(HttpServerRequest request, HttpServerResponse response) {
		String number = PhoneNumbers.normalize(String.valueOf(request.param("number")));
		return body(request, ArmRequest.class).flatMap((arm) -> {
			if (number.isEmpty()) {
				return Mono.from(problem(response, HttpResponseStatus.BAD_REQUEST, "invalid-number", "Invalid number",
						"The path needs a phone number."));
			}
			try {
				this.simulator.arm(number, String.valueOf(arm.keys()), Duration.ofMillis(arm.delayMs()));
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				return Mono.from(problem(response, HttpResponseStatus.BAD_REQUEST, "invalid-keys", "Invalid keys",
						"keys must be 0-9, *, #, A-D and delayMs must not be negative."));
			}
			logger.info("Armed {} keys for {}", arm.keys().length(), PhoneNumber.mask(number));
			return Mono.from(json(response, HttpResponseStatus.ACCEPTED,
					Map.of("number", PhoneNumber.mask(number), "keys", arm.keys().length(), "delayMs", arm.delayMs())));
		}).onErrorResume(JacksonException.class, (ex) -> badJson(response));
	}

	private Publisher<Void> pressKeys(HttpServerRequest request, HttpServerResponse response) {
		return withCall(request, response, (call) -> body(request, KeysRequest.class).flatMap((keys) -> {
			if (call.state() != CallState.ANSWERED) {
				return Mono.from(notAnswered(response));
			}
			try {
				ArmedKeys.requireKeys(String.valueOf(keys.keys()));
			}
			catch (IllegalArgumentException ex) {
				return Mono.from(problem(response, HttpResponseStatus.BAD_REQUEST, "invalid-keys", "Invalid keys",
						"keys must be 0-9, *, #, A-D."));
			}
			call.pressKeys(keys.keys());
			return Mono.from(json(response, HttpResponseStatus.ACCEPTED, CallView.of(call).toJson()));
		}).onErrorResume(JacksonException.class, (ex) -> badJson(response)));
	}

	private Publisher<Void> hangUp(HttpServerRequest request, HttpServerResponse response) {
		return withCall(request, response, (call) -> {
			if (call.state() == CallState.ENDED) {
				return Mono.from(problem(response, HttpResponseStatus.CONFLICT, "call-ended", "Call already ended",
						"The call is over."));
			}
			call.hangUp();
			return Mono.from(json(response, HttpResponseStatus.ACCEPTED, CallView.of(call).toJson()));
		});
	}

	private Publisher<Void> recording(HttpServerRequest request, HttpServerResponse response) {
		return withCall(request, response, (call) -> {
			G711 codec = call.codec().orElse(G711.PCMU);
			byte[] wav = WavRecording.toWav(call.receivedAudio(), codec);
			return Mono.from(response.status(HttpResponseStatus.OK)
				.header(HttpHeaderNames.CONTENT_TYPE, "audio/wav")
				.header(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + call.id() + ".wav\"")
				.sendByteArray(Mono.just(wav)));
		});
	}

	private Publisher<Void> withCall(HttpServerRequest request, HttpServerResponse response,
			java.util.function.Function<SimulatedCall, Mono<Void>> action) {
		return this.simulator.call(String.valueOf(request.param("id")))
			.map(action)
			.orElseGet(() -> Mono.from(problem(response, HttpResponseStatus.NOT_FOUND, "call-not-found",
					"Call not found", "No recent call has this id.")));
	}

	private static <T> Mono<T> body(HttpServerRequest request, Class<T> type) {
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("{}")
			.map((text) -> json.readValue(text, type));
	}

	private static Mono<Void> badJson(HttpServerResponse response) {
		return Mono.from(problem(response, HttpResponseStatus.BAD_REQUEST, "invalid-body", "Invalid JSON body",
				"The body must be a JSON object as described in the README."));
	}

	private static Publisher<Void> notAnswered(HttpServerResponse response) {
		return problem(response, HttpResponseStatus.CONFLICT, "call-not-answered", "Call not answered",
				"Keys can only be pressed during an answered call.");
	}

	private static Publisher<Void> json(HttpServerResponse response, HttpResponseStatus status, Object body) {
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.sendString(Mono.just(json.writeValueAsString(body)));
	}

	private static Publisher<Void> problem(HttpServerResponse response, HttpResponseStatus status, String type,
			String title, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", PROBLEM_TYPE_BASE + type);
		problem.put("title", title);
		problem.put("status", status.code());
		problem.put("detail", detail);
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.sendString(Mono.just(json.writeValueAsString(problem)));
	}

}
