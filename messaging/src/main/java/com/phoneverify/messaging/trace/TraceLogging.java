package com.phoneverify.messaging.trace;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.slf4j.MDC;
import reactor.util.context.Context;

/**
 * Puts a trace context in the log MDC as {@code traceId} and {@code spanId}, the names
 * Spring Boot's correlation pattern ({@code logging.pattern.correlation}) reads, and
 * reads or writes it in Kafka headers.
 */
public final class TraceLogging {

	/** The MDC key of the trace id. */
	public static final String TRACE_ID = "traceId";

	/** The MDC key of the span (parent) id. */
	public static final String SPAN_ID = "spanId";

	private TraceLogging() {
	}

	/**
	 * Puts a valid traceparent's ids in the MDC of this thread, or clears them when the
	 * value is missing or malformed, so that a thread never logs a stale trace.
	 */
	public static void enter(@Nullable String traceparent) {
		if (Traceparent.isValid(traceparent)) {
			MDC.put(TRACE_ID, Traceparent.traceId(traceparent));
			MDC.put(SPAN_ID, Traceparent.spanId(traceparent));
		}
		else {
			leave();
		}
	}

	/** Removes the trace ids from the MDC of this thread. */
	public static void leave() {
		MDC.remove(TRACE_ID);
		MDC.remove(SPAN_ID);
	}

	/**
	 * A Reactor context that carries a traceparent's ids: with
	 * {@code spring.reactor.context-propagation=auto} Reactor puts them in the MDC of
	 * whichever thread runs the pipeline, so the log lines of asynchronous work (a call
	 * scheduled on another thread) carry the trace of the event that started it.
	 */
	public static Context context(@Nullable String traceparent) {
		if (!Traceparent.isValid(traceparent)) {
			return Context.empty();
		}
		return Context.of(Slf4jThreadLocalAccessor.KEY,
				Map.of(TRACE_ID, Traceparent.traceId(traceparent), SPAN_ID, Traceparent.spanId(traceparent)));
	}

	/**
	 * Lets Reactor's context propagation restore {@link #TRACE_ID} and {@link #SPAN_ID}
	 * in the MDC. Idempotent; JVM-wide, as the MDC is.
	 */
	public static void registerWithReactor() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(TRACE_ID, SPAN_ID));
	}

	/** The traceparent header of a record, when it has a valid one. */
	public static @Nullable String fromHeaders(Headers headers) {
		Header header = headers.lastHeader(Traceparent.HEADER);
		if (header == null || header.value() == null) {
			return null;
		}
		String value = new String(header.value(), StandardCharsets.US_ASCII);
		return Traceparent.isValid(value) ? value : null;
	}

	/** Adds the traceparent header, when there is a valid traceparent. */
	public static void toHeaders(@Nullable String traceparent, Headers headers) {
		if (Traceparent.isValid(traceparent)) {
			headers.remove(Traceparent.HEADER);
			headers.add(Traceparent.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
		}
	}

}
