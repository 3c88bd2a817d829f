package com.phoneverify.messaging.outbox;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import org.jspecify.annotations.Nullable;

/**
 * One record to publish.
 *
 * @param key the Kafka record key (the event's key)
 * @param payload the record value: {@link EventCodec} JSON bytes
 * @param traceparent the W3C trace context, sent as the {@code traceparent} header
 */
public record OutboxMessage(String topic, String key, byte[] payload, @Nullable String traceparent) {

	public static OutboxMessage of(String topic, EventEnvelope<?> event, EventCodec codec) {
		return new OutboxMessage(topic, event.key(), codec.encode(event), event.traceparent());
	}

}
