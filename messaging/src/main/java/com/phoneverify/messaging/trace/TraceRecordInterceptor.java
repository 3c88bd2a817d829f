package com.phoneverify.messaging.trace;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the record's {@code traceparent} header in the log MDC while the listener handles
 * it (on the consumer thread), and takes it out afterwards, whatever the outcome. Every
 * listener container built by
 * {@link com.phoneverify.messaging.consume.ListenerContainers} has it.
 */
public final class TraceRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

	@Override
	public ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		TraceLogging.enter(TraceLogging.fromHeaders(record.headers()));
		return record;
	}

	@Override
	public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		TraceLogging.leave();
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		TraceLogging.leave();
	}

}
