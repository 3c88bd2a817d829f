package com.phoneverify.gateway;

import com.phoneverify.contracts.Fuzz;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.phoneverify.contracts.http.RequestSignature;
import com.phoneverify.gateway.HostileRequests.Auth;
import com.phoneverify.gateway.HostileRequests.Request;
import com.phoneverify.gateway.RawHttpConnection.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile HTTP requests ({@link HostileRequests}) against the real gateway on the
 * embedded broker and database, sent byte for byte over keep-alive sockets by eight
 * threads at once: {@code -Dfuzz.tries} (10,000 unless given) of them, generated from
 * {@code -Dfuzz.seed} (see {@link Fuzz}; request {@code n} is try {@code n}). Every one
 * is a client's error or a valid request, so every answer must be below 500, and every
 * 4xx an RFC 9457 {@code application/problem+json} document naming its status; nothing
 * may be logged as a failed request with a stack trace; and afterwards a valid signed
 * request still creates a verification.
 * <p>
 * Requests that are not valid HTTP/1.1 at all ({@link #notHttp}) are refused below every
 * filter and handler (by {@code MalformedHttpRequests}, before reactor-netty's bare 400,
 * 414 or 431 and Spring's URI parsing); they too must get a problem document, and are
 * counted and printed by kind.
 * <p>
 * The requests come from 127.0.0.77, so that the admin lockout that the wrong admin
 * tokens provoke falls on that address and not on the other tests' 127.0.0.1.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayHttpFuzzTests extends GatewayIntegrationTest {

	private static final int THREADS = 8;

	private static final String[] MALFORMED_AUTHORIZATIONS = { "", "PV1-HMAC-SHA256", "PV1-HMAC-SHA256 ",
			"PV1-HMAC-SHA256 keyId=,timestamp=,nonce=,signature=",
			"PV1-HMAC-SHA256 keyId=x,timestamp=99999999999999999999,nonce=abcdefghijklmnop,signature=!!!",
			"PV1-HMAC-SHA256 keyId=x,timestamp=-1,nonce=a,signature=AAAA", "PV1-HMAC-SHA256 " + "a=b,".repeat(300),
			"PV1-HMAC-SHA256 keyId=\u00e9,timestamp=1,nonce=\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9,signature=x",
			"pv1-hmac-sha256 keyId=a", "Bearer test", "PV1-HMAC-SHA256 keyId=a,keyId=b,timestamp=1,timestamp=2" };

	private final Map<String, AtomicInteger> rejectedBelowTheApplication = new ConcurrentHashMap<>();

	@Test
	void hostileRequestsGetClientErrorsAsProblemDocumentsAndNoServerError(CapturedOutput output) throws Exception {
		Merchant merchant = createMerchant();
		Merchant other = createMerchant();
		InetAddress client = InetAddress.getByName("127.0.0.77");
		List<Request> requests = IntStream.range(0, Fuzz.TRIES)
			.mapToObj((index) -> HostileRequests.request(Fuzz.forTry(index)))
			.toList();
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		List<String> violations = Collections.synchronizedList(new ArrayList<>());
		ThreadLocal<RawHttpConnection> connections = ThreadLocal
			.withInitial(() -> new RawHttpConnection(client, this.port));
		List<RawHttpConnection> opened = Collections.synchronizedList(new ArrayList<>());
		List<String> slow = Collections.synchronizedList(new ArrayList<>());

		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		long started = System.nanoTime();
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (int index = 0; index < requests.size(); index++) {
				Request request = requests.get(index);
				String named = "request " + index + " " + request;
				sent.add(pool.submit(() -> {
					RawHttpConnection connection = connections.get();
					opened.add(connection);
					long begun = System.nanoTime();
					List<Reply> replies = send(connection, request, merchant, other);
					long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
					if (took > 1_000) {
						slow.add(took + " ms: " + replies.get(0).status() + " " + request);
					}
					for (Reply reply : replies) {
						statuses.computeIfAbsent(reply.status(), (status) -> new AtomicInteger()).incrementAndGet();
						String problem = violation(request, reply);
						if (problem != null && violations.size() < 20) {
							violations.add(problem + " for " + named);
						}
					}
					return null;
				}));
			}
			for (Future<?> future : sent) {
				future.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
			opened.forEach(RawHttpConnection::close);
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		System.out.printf("HTTP fuzz (%s): %d requests in %d ms; statuses %s%n", Fuzz.reproduce(), requests.size(),
				millis, new java.util.TreeMap<>(statuses));
		System.out.println("HTTP fuzz, refused below the application, each with a problem document: "
				+ new java.util.TreeMap<>(this.rejectedBelowTheApplication));
		slow.stream().limit(10).forEach((line) -> System.out.println("HTTP fuzz, slow: " + line));

		String run = " (" + Fuzz.reproduce() + ")";
		assertThat(violations).as("answers that are not a client error as a problem document" + run).isEmpty();
		assertThat(output.getAll()).as("no request failed with a stack trace" + run)
			.doesNotContain("failed (trace")
			.doesNotContain("\tat com.phoneverify");
		assertThat(statuses.keySet()).as("statuses" + run).allMatch((status) -> status > 0 && status < 500);
		Response stillWorks = signed(merchant, "POST", "/v1/ars-verifications",
				"{\"type\":\"A\",\"phone\":\"010-7999-0001\"}");
		assertThat(stillWorks.status()).as(stillWorks.text()).isEqualTo(201);
	}

	/** Sends the request (twice for a replay) and returns the replies. */
	private List<Reply> send(RawHttpConnection connection, Request request, Merchant merchant, Merchant other)
			throws IOException {
		List<String[]> headers = new ArrayList<>(request.headers());
		String authorization = authorization(request, merchant, other);
		if (authorization != null) {
			headers.add(new String[] { "Authorization", authorization });
		}
		Reply reply = connection.exchange(request.method(), request.target(), headers, request.body());
		if (request.auth() != Auth.REPLAYED) {
			return List.of(reply);
		}
		return List.of(reply, connection.exchange(request.method(), request.target(), headers, request.body()));
	}

	private static String authorization(Request request, Merchant merchant, Merchant other) {
		long now = System.currentTimeMillis() / 1000;
		String nonce = "n" + UUID.randomUUID().toString().replace("-", "");
		return switch (request.auth()) {
			case NONE -> null;
			case SIGNED,
					REPLAYED ->
				RequestSignature
					.sign(merchant.keyId(), merchant.secret(), request.method(), request.target(), now, nonce,
							request.body())
					.toHeaderValue();
			case WRONG_SECRET -> RequestSignature
				.sign(merchant.keyId(), other.secret(), request.method(), request.target(), now, nonce, request.body())
				.toHeaderValue();
			case STALE ->
				RequestSignature
					.sign(merchant.keyId(), merchant.secret(), request.method(), request.target(), now - 3_600, nonce,
							request.body())
					.toHeaderValue();
			case MALFORMED ->
				MALFORMED_AUTHORIZATIONS[Math.floorMod(request.target().hashCode(), MALFORMED_AUTHORIZATIONS.length)];
			case ADMIN_TOKEN -> "Bearer " + ADMIN_TOKEN;
			case WRONG_ADMIN_TOKEN -> "Bearer wrong-" + ADMIN_TOKEN;
		};
	}

	/**
	 * Why the request is not valid HTTP/1.1 at all, or null: a request target with a
	 * character RFC 3986 does not allow or a broken percent escape, a request line longer
	 * than reactor-netty's 4 KiB (a fragment counts: RFC 9112 §3.2 allows none), a header
	 * value with a control character, headers over its 8 KiB.
	 */
	static String notHttp(Request request) {
		String target = request.target();
		for (int i = 0; i < target.length(); i++) {
			char c = target.charAt(i);
			if (c == '%' && !(i + 2 < target.length() && isHex(target.charAt(i + 1)) && isHex(target.charAt(i + 2)))) {
				return "broken percent escape";
			}
			if (c > 126 || c <= ' ' || "\"<>\\^`{|}#".indexOf(c) >= 0) {
				return "character not allowed in a request target";
			}
		}
		if (request.method().length() + target.length() + 10 > 4096) {
			return "request line over 4 KiB";
		}
		int headerBytes = 0;
		for (String[] header : request.headers()) {
			headerBytes += header[0].length() + header[1].getBytes(StandardCharsets.UTF_8).length + 4;
			if (header[1].chars().anyMatch((c) -> (c < ' ' && c != '\t') || c == 127)) {
				return "control character in a header";
			}
		}
		return (headerBytes > 7_000) ? "headers near or over 8 KiB" : null;
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) >= 0;
	}

	/** What is wrong with the reply, or null. */
	private String violation(Request request, Reply reply) {
		if (reply.status() < 0) {
			return "no response";
		}
		if (reply.status() >= 500) {
			return reply.status() + " " + reply.text();
		}
		if (reply.status() < 400 || request.method().equalsIgnoreCase("HEAD")) {
			return null;
		}
		String contentType = reply.header("content-type");
		if (notHttp(request) != null) {
			// refused below the application, by MalformedHttpRequests: counted, and held
			// to the same problem document as every other client error
			this.rejectedBelowTheApplication
				.computeIfAbsent(notHttp(request) + " " + reply.status(), (key) -> new AtomicInteger())
				.incrementAndGet();
		}
		if (contentType == null || !contentType.startsWith("application/problem+json")) {
			return reply.status() + " with content type " + contentType + ": " + reply.text();
		}
		try {
			JsonNode problem = this.json.readTree(reply.body());
			if (problem.path("status").asInt() != reply.status() || problem.path("title").asString().isEmpty()
					|| !problem.path("type").asString().startsWith("https://")) {
				return reply.status() + " with problem " + reply.text();
			}
		}
		catch (RuntimeException ex) {
			return reply.status() + " with unreadable problem " + new String(reply.body(), StandardCharsets.UTF_8);
		}
		return null;
	}

}
