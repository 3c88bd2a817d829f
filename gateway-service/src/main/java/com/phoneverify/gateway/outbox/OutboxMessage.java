package com.phoneverify.gateway.outbox;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;

/**
 * One record to publish.
 *
 * @param key the Kafka record key (the event's key)
 * @param payload the record value: {@link EventCodec} JSON bytes
 */
public record OutboxMessage(String topic, String key, byte[] payload) {

	public static OutboxMessage of(String topic, EventEnvelope<?> event, EventCodec codec) {
		return new OutboxMessage(topic, event.key(), codec.encode(event));
	}

}
