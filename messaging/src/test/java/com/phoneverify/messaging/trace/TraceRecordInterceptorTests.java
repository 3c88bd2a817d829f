package com.phoneverify.messaging.trace;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class TraceRecordInterceptorTests {

	private final TraceRecordInterceptor<String, byte[]> interceptor = new TraceRecordInterceptor<>();

	@AfterEach
	void clear() {
		MDC.clear();
	}

	private static ConsumerRecord<String, byte[]> record(String traceparent) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("t", 0, 0, "k", new byte[0]);
		if (traceparent != null) {
			record.headers().add(Traceparent.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
		}
		return record;
	}

	@Test
	void theRecordsTraceIsInTheMdcWhileItIsHandledAndGoneAfterwards() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		ConsumerRecord<String, byte[]> record = record(traceparent);
		this.interceptor.intercept(record, null);
		assertThat(MDC.get(TraceLogging.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(MDC.get(TraceLogging.SPAN_ID)).isEqualTo("00f067aa0ba902b7");
		this.interceptor.afterRecord(record, null);
		assertThat(MDC.get(TraceLogging.TRACE_ID)).isNull();
	}

	@Test
	void aRecordWithoutTraceDoesNotInheritThePreviousOne() {
		this.interceptor.intercept(record("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), null);
		this.interceptor.intercept(record(null), null);
		assertThat(MDC.get(TraceLogging.TRACE_ID)).isNull();
	}

	@Test
	void aMalformedHeaderIsIgnored() {
		this.interceptor.intercept(record("00-zz-00f067aa0ba902b7-01"), null);
		assertThat(MDC.get(TraceLogging.TRACE_ID)).isNull();
	}

	@Test
	void generatedTraceparentsAreValidAndDistinct() {
		String one = Traceparent.generate();
		assertThat(Traceparent.isValid(one)).isTrue();
		assertThat(one).isNotEqualTo(Traceparent.generate());
		assertThat(Traceparent.isValid("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isFalse();
		assertThat(Traceparent.isValid("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
	}

}
