package com.phoneverify.gateway.web;

import com.phoneverify.messaging.trace.TraceLogging;
import com.phoneverify.messaging.trace.Traceparent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The W3C trace context of every {@code /v1/**} request: the caller's {@code traceparent}
 * header when it is well-formed (W3C Trace Context §3.2), else a new one (random 16-byte
 * trace id and 8-byte parent id, flags {@code 01}, sampled). It is handed to the handler
 * as the exchange attribute {@link #ATTRIBUTE}, echoed in the response header
 * {@code traceparent} (also on errors), and carried by the events of the verification the
 * request creates.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class TraceContext implements WebFilter {

	/** The header, in requests, responses and Kafka records. */
	public static final String HEADER = Traceparent.HEADER;

	/** The exchange attribute (and {@code @RequestAttribute} name) holding the value. */
	public static final String ATTRIBUTE = "com.phoneverify.gateway.web.TraceContext";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!ApiPaths.isApi(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
		String traceparent = Traceparent.isValid(incoming) ? incoming : Traceparent.generate();
		exchange.getAttributes().put(ATTRIBUTE, traceparent);
		exchange.getResponse().getHeaders().set(HEADER, traceparent);
		// the request's trace in the MDC of every thread that serves it (with
		// spring.reactor.context-propagation=auto)
		return chain.filter(exchange).contextWrite(TraceLogging.context(traceparent));
	}

}
