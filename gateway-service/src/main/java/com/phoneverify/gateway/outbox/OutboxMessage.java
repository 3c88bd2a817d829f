package com.phoneverify.gateway.outbox;

import com.phoneverify.contracts.Event;
import com.phoneverify.contracts.EventCodec;

/**
 * One record to publish.
 *
 * @param key the Kafka record key (the verification id)
 * @param payload the record value: {@link EventCodec} JSON bytes
 */
public record OutboxMessage(String topic, String key, byte[] payload) {

	public static OutboxMessage of(String topic, Event event, EventCodec codec) {
		return new OutboxMessage(topic, event.key(), codec.encode(event));
	}

}
