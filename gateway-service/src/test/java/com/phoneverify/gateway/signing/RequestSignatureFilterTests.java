package com.phoneverify.gateway.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.http.RequestSignature;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.merchant.ApiCredential;
import com.phoneverify.gateway.merchant.MerchantDirectory;
import com.phoneverify.gateway.web.ApiProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class RequestSignatureFilterTests {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private static final String KEY_ID = "pk_test";

	private static final String SECRET = "c2VjcmV0LW9mLXRoZS10ZXN0LW1lcmNoYW50LTEyMzQ";

	private static final String PATH = "/v1/ars-verifications";

	private final MerchantDirectory merchants = mock(MerchantDirectory.class);

	private final NonceStore nonces = mock(NonceStore.class);

	private final Set<String> seenNonces = new HashSet<>();

	private final AtomicReference<ServerWebExchange> passed = new AtomicReference<>();

	private final AtomicReference<String> bodySeenDownstream = new AtomicReference<>();

	private RequestSignatureFilter filter;

	@BeforeEach
	void setUp() {
		GatewayProperties properties = new Binder(
				new MapConfigurationPropertySource(Map.of("gateway.signing.max-body-size", "1KB")))
			.bindOrCreate("gateway", GatewayProperties.class);
		this.filter = new RequestSignatureFilter(this.merchants, this.nonces, Clock.fixed(NOW, ZoneOffset.UTC),
				properties);
		given(this.merchants.credential(anyString())).willReturn(Mono.empty());
		given(this.merchants.credential(KEY_ID))
			.willReturn(Mono.just(new ApiCredential(KEY_ID, MerchantId.of("shop-1"), SECRET)));
		given(this.nonces.consume(any())).willAnswer((invocation) -> {
			SignedRequest signed = invocation.getArgument(0);
			return this.seenNonces.add(signed.keyId() + "/" + signed.nonce()) ? Mono.empty()
					: Mono.error(SignatureProblems.replayed());
		});
	}

	@Test
	void passesAValidSignatureAndKeepsTheBodyForTheController() {
		byte[] body = "{\"type\":\"C\",\"phone\":\"010-1234-5678\"}".getBytes(StandardCharsets.UTF_8);
		StepVerifier.create(run(post(PATH, body, sign("POST", PATH, NOW.getEpochSecond(), body)))).verifyComplete();
		assertThat(this.bodySeenDownstream.get()).isEqualTo(new String(body, StandardCharsets.UTF_8));
		SignedRequest signed = this.passed.get().getAttribute(SignedRequest.ATTRIBUTE);
		assertThat(signed.merchantId()).isEqualTo(MerchantId.of("shop-1"));
		assertThat(signed.nonceExpiresAt()).isEqualTo(NOW.plusSeconds(301));
		assertThat(this.seenNonces).as("a POST's nonce is recorded by its handler's transaction").isEmpty();
	}

	@Test
	void rejectsMissingSignature() {
		expectProblem(run(MockServerHttpRequest.get(PATH + "/x").build()), "signature-missing");
	}

	@Test
	void rejectsMalformedSignature() {
		expectProblem(run(MockServerHttpRequest.get(PATH + "/x")
			.header(HttpHeaders.AUTHORIZATION, "PV1-HMAC-SHA256 keyId=pk_test,timestamp=soon")
			.build()), "signature-malformed");
	}

	@Test
	void rejectsExpiredTimestampEitherWay() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		long old = NOW.getEpochSecond() - 301;
		expectProblem(run(post(PATH, body, sign("POST", PATH, old, body))), "signature-expired");
		long future = NOW.getEpochSecond() + 301;
		expectProblem(run(post(PATH, body, sign("POST", PATH, future, body))), "signature-expired");
	}

	@Test
	void acceptsTimestampsAtTheEdgeOfTheWindow() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		StepVerifier.create(run(post(PATH, body, sign("POST", PATH, NOW.getEpochSecond() - 300, body))))
			.verifyComplete();
	}

	/**
	 * The window check compares whole seconds, so a timestamp is accepted until the end
	 * of the last second of the window; its nonce must be kept (the purge deletes
	 * {@code expires_at < now}) for as long, or a replay would be admitted again.
	 */
	@Test
	void aNonceOutlivesEveryInstantAtWhichItsTimestampIsAccepted() {
		long timestamp = NOW.getEpochSecond() - 300;
		for (long nanos : new long[] { 0, 500_000_000, 999_999_999 }) {
			Instant now = NOW.plusNanos(nanos);
			RequestSignatureFilter atNow = new RequestSignatureFilter(this.merchants, this.nonces,
					Clock.fixed(now, ZoneOffset.UTC), new Binder(new MapConfigurationPropertySource(Map.of()))
						.bindOrCreate("gateway", GatewayProperties.class));
			byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
			this.filter = atNow;
			StepVerifier.create(run(post(PATH, body, sign("POST", PATH, timestamp, body)))).verifyComplete();
			SignedRequest signed = this.passed.get().getAttribute(SignedRequest.ATTRIBUTE);
			assertThat(signed.nonceExpiresAt()).as("nonce expiry at %s", now).isAfter(now);
		}
		this.filter = new RequestSignatureFilter(this.merchants, this.nonces,
				Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC),
				new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("gateway",
						GatewayProperties.class));
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		expectProblem(run(post(PATH, body, sign("POST", PATH, timestamp, body))), "signature-expired");
	}

	@Test
	void rejectsTamperedBody() {
		byte[] signedBody = "{\"type\":\"C\"}".getBytes(StandardCharsets.UTF_8);
		byte[] sentBody = "{\"type\":\"A\"}".getBytes(StandardCharsets.UTF_8);
		expectProblem(run(post(PATH, sentBody, sign("POST", PATH, NOW.getEpochSecond(), signedBody))),
				"signature-invalid");
	}

	@Test
	void rejectsSignatureOverAnotherPath() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		expectProblem(run(post(PATH + "/other/cancel", body, sign("POST", PATH, NOW.getEpochSecond(), body))),
				"signature-invalid");
	}

	@Test
	void rejectsUnknownKey() {
		RequestSignature signature = RequestSignature.sign("pk_unknown", SECRET, "GET", PATH + "/x",
				NOW.getEpochSecond(), "nonce-0123456789abcdef", new byte[0]);
		expectProblem(run(MockServerHttpRequest.get(PATH + "/x")
			.header(HttpHeaders.AUTHORIZATION, signature.toHeaderValue())
			.build()), "signature-invalid");
	}

	@Test
	void rejectsReplayedSignature() {
		String path = PATH + "/4b0d7c8e-7f59-4d1e-9d55-7c1c4bd1f3a1";
		String header = sign("GET", path, NOW.getEpochSecond(), new byte[0]);
		StepVerifier.create(run(MockServerHttpRequest.get(path).header(HttpHeaders.AUTHORIZATION, header).build()))
			.verifyComplete();
		expectProblem(run(MockServerHttpRequest.get(path).header(HttpHeaders.AUTHORIZATION, header).build()),
				"signature-replayed");
	}

	@Test
	void rejectsBodiesOverTheLimit() {
		byte[] body = new byte[1025];
		expectProblem(run(post(PATH, body, sign("POST", PATH, NOW.getEpochSecond(), body))), "payload-too-large");
	}

	@Test
	void leavesOtherPathsAlone() {
		StepVerifier.create(run(MockServerHttpRequest.get("/actuator/health").build())).verifyComplete();
		assertThat(this.passed.get()).isNotNull();
	}

	private Mono<Void> run(MockServerHttpRequest request) {
		WebFilterChain chain = (exchange) -> {
			this.passed.set(exchange);
			return DataBufferUtils.join(exchange.getRequest().getBody()).doOnNext((buffer) -> {
				this.bodySeenDownstream.set(buffer.toString(StandardCharsets.UTF_8));
				DataBufferUtils.release(buffer);
			}).then();
		};
		return this.filter.filter(MockServerWebExchange.from(request), chain);
	}

	private static MockServerHttpRequest post(String path, byte[] body, String authorization) {
		return MockServerHttpRequest.post(path)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.body(new String(body, StandardCharsets.UTF_8));
	}

	private static String sign(String method, String path, long timestamp, byte[] body) {
		return RequestSignature.sign(KEY_ID, SECRET, method, path, timestamp, "nonce-" + System.nanoTime(), body)
			.toHeaderValue();
	}

	private static void expectProblem(Mono<Void> result, String slug) {
		StepVerifier.create(result)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ApiProblem.class)
				.extracting((problem) -> ((ApiProblem) problem).slug())
				.isEqualTo(slug))
			.verify();
	}

}
