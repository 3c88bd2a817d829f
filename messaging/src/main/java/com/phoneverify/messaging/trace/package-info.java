/**
 * W3C trace context (traceparent) across Kafka: carried in the {@code traceparent} record
 * header by every producer, and put in the log MDC ({@code traceId}, {@code spanId})
 * while a consumer handles the record.
 */
@NullMarked
package com.phoneverify.messaging.trace;

import org.jspecify.annotations.NullMarked;
