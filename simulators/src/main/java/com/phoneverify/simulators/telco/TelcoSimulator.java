package com.phoneverify.simulators.telco;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.phoneverify.contracts.phone.PhoneNumber;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The telco's subscriber register and its name check, on HTTP:
 *
 * <pre>
 * PUT  /v1/subscribers/{phone}  {"name":"홍길동"}                   register (or rename) a subscriber
 * POST /v1/name-checks          {"phone":"+8210…","name":"홍길동"}  → {"result":…,"holderNameMasked":…}
 * </pre>
 *
 * Names are compared after Unicode NFKC, case folding and removing spaces: equal is
 * {@code MATCH}; one edit apart (a typo, a missing or extra syllable) is
 * {@code CLOSE_MATCH} with the registered name masked ({@code 홍*동}); anything else, or a
 * number with no subscriber, is {@code NO_MATCH} (the register is never disclosed).
 * Errors are RFC 9457 problem details. {@link #failNext(int)} makes the next checks
 * answer 503, to test a telco outage.
 */
public final class TelcoSimulator implements AutoCloseable {

	private static final String PROBLEM_TYPE_BASE = "https://phoneverify.example/problems/simulator/";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, String> subscribers = new ConcurrentHashMap<>();

	private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

	private final DisposableServer server;

	/**
	 * Event loops of its own: Reactor Netty's global ones are disposed whenever a Spring
	 * context of the JVM closes (tests and devstack run several).
	 */
	private final LoopResources loops = LoopResources.create("telco-simulator", 1, true);

	private TelcoSimulator(String host, int port) {
		this.server = HttpServer.create()
			.runOn(this.loops)
			.host(host)
			.port(port)
			.route((routes) -> routes.put("/v1/subscribers/{phone}", this::register)
				.post("/v1/name-checks", this::check)
				.route((request) -> true,
						(request, response) -> problem(response, HttpResponseStatus.NOT_FOUND, "not-found",
								"No such resource")))
			.bindNow();
	}

	/** Starts the simulator; port 0 picks a free one. */
	public static TelcoSimulator start(String host, int port) {
		return new TelcoSimulator(host, port);
	}

	public InetSocketAddress address() {
		return (InetSocketAddress) this.server.address();
	}

	/** The base URL of the API. */
	public String baseUrl() {
		return "http://" + address().getHostString() + ":" + address().getPort();
	}

	/** Registers a subscriber (the API's PUT, for tests in the same JVM). */
	public void register(String phone, String name) {
		this.subscribers.put(PhoneNumber.parse(phone).e164(), name);
	}

	/** The next {@code count} name checks answer 503. */
	public void failNext(int count) {
		this.failures.set(count);
	}

	/** The answer to a name check. */
	public record Answer(String result, @Nullable String holderNameMasked) {
	}

	public Answer check(String phone, String name) {
		String registered;
		try {
			registered = this.subscribers.get(PhoneNumber.parse(phone).e164());
		}
		catch (PhoneNumber.InvalidPhoneNumberException ex) {
			registered = null;
		}
		if (registered == null) {
			return new Answer("NO_MATCH", null);
		}
		String a = normalize(registered);
		String b = normalize(name);
		if (a.equals(b)) {
			return new Answer("MATCH", null);
		}
		if (editDistance(a, b) == 1) {
			return new Answer("CLOSE_MATCH", mask(registered));
		}
		return new Answer("NO_MATCH", null);
	}

	record Registration(@Nullable String name) {
	}

	record CheckRequest(@Nullable String phone, @Nullable String name) {
	}

	private Publisher<Void> register(HttpServerRequest request, HttpServerResponse response) {
		String phone = request.param("phone");
		return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap((body) -> {
			try {
				Registration registration = json.readValue(body, Registration.class);
				if (registration.name() == null || registration.name().isBlank()) {
					return problem(response, HttpResponseStatus.BAD_REQUEST, "bad-request", "name is required");
				}
				register(phone, registration.name());
				return response.status(HttpResponseStatus.NO_CONTENT).send().then();
			}
			catch (JacksonException ex) {
				return problem(response, HttpResponseStatus.BAD_REQUEST, "bad-request", "body is not JSON");
			}
			catch (PhoneNumber.InvalidPhoneNumberException ex) {
				return problem(response, HttpResponseStatus.BAD_REQUEST, "bad-request", "phone " + ex.getMessage());
			}
		});
	}

	private Publisher<Void> check(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap((body) -> {
			if (this.failures.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				return problem(response, HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
						"the name check is switched off (failNext)");
			}
			CheckRequest check;
			try {
				check = json.readValue(body, CheckRequest.class);
			}
			catch (JacksonException ex) {
				return problem(response, HttpResponseStatus.BAD_REQUEST, "bad-request", "body is not JSON");
			}
			if (check.phone() == null || check.name() == null) {
				return problem(response, HttpResponseStatus.BAD_REQUEST, "bad-request", "phone and name are required");
			}
			Answer answer = check(check.phone(), check.name());
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("result", answer.result());
			view.put("holderNameMasked", answer.holderNameMasked());
			return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.sendString(Mono.just(json.writeValueAsString(view)))
				.then();
		});
	}

	private static Mono<Void> problem(HttpServerResponse response, HttpResponseStatus status, String type,
			String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", PROBLEM_TYPE_BASE + type);
		problem.put("title", status.reasonPhrase());
		problem.put("status", status.code());
		problem.put("detail", detail);
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.sendString(Mono.just(json.writeValueAsString(problem)))
			.then();
	}

	static String normalize(String name) {
		return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
	}

	/** Levenshtein distance over code points. */
	static int editDistance(String a, String b) {
		int[] x = a.codePoints().toArray();
		int[] y = b.codePoints().toArray();
		int[] previous = new int[y.length + 1];
		int[] current = new int[y.length + 1];
		for (int j = 0; j <= y.length; j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= x.length; i++) {
			current[0] = i;
			for (int j = 1; j <= y.length; j++) {
				int substitution = previous[j - 1] + ((x[i - 1] == y[j - 1]) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[y.length];
	}

	/** {@code 홍길동} → {@code 홍*동}; {@code 김철} → {@code 김*}. */
	static String mask(String name) {
		int[] points = name.strip().codePoints().toArray();
		if (points.length <= 1) {
			return "*";
		}
		StringBuilder masked = new StringBuilder().appendCodePoint(points[0]);
		masked.append("*".repeat(Math.max(1, points.length - 2)));
		if (points.length > 2) {
			masked.appendCodePoint(points[points.length - 1]);
		}
		return masked.toString();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(2));
		this.loops.dispose();
	}

}
