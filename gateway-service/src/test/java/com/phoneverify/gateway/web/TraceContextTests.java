package com.phoneverify.gateway.web;

import com.phoneverify.messaging.trace.Traceparent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTests {

	private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final TraceContext filter = new TraceContext();

	@Test
	void aWellFormedTraceparentIsKeptAndEchoed() {
		MockServerWebExchange exchange = run(
				MockServerHttpRequest.get("/v1/ars-verifications/x").header("traceparent", VALID).build());
		assertThat((String) exchange.getAttribute(TraceContext.ATTRIBUTE)).isEqualTo(VALID);
		assertThat(exchange.getResponse().getHeaders().getFirst("traceparent")).isEqualTo(VALID);
	}

	@Test
	void aMissingOrMalformedTraceparentIsReplacedByANewOne() {
		for (String malformed : new String[] { null, "", "garbage", VALID.toUpperCase(),
				"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
				"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
				"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", VALID + "-extra", VALID.substring(1) }) {
			MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/v1/ars-verifications");
			if (malformed != null) {
				request.header("traceparent", malformed);
			}
			MockServerWebExchange exchange = run(request.build());
			String traceparent = exchange.getAttribute(TraceContext.ATTRIBUTE);
			assertThat(traceparent).as(String.valueOf(malformed)).isNotEqualTo(malformed).matches(Traceparent::isValid);
			assertThat(traceparent).startsWith("00-").endsWith("-01");
			assertThat(exchange.getResponse().getHeaders().getFirst("traceparent")).isEqualTo(traceparent);
		}
	}

	@Test
	void generatedTraceparentsDiffer() {
		assertThat(Traceparent.generate()).isNotEqualTo(Traceparent.generate());
	}

	@Test
	void otherPathsAreLeftAlone() {
		MockServerWebExchange exchange = run(MockServerHttpRequest.get("/actuator/health").build());
		assertThat((Object) exchange.getAttribute(TraceContext.ATTRIBUTE)).isNull();
	}

	private MockServerWebExchange run(MockServerHttpRequest request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		StepVerifier.create(this.filter.filter(exchange, (passed) -> Mono.empty())).verifyComplete();
		return exchange;
	}

}
