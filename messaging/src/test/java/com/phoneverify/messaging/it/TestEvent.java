package com.phoneverify.messaging.it;

import java.time.Instant;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.EventTopic;
import com.phoneverify.contracts.EventType;
import org.jspecify.annotations.Nullable;

/** The payload of the test application's one topic, keyed by a plain string. */
public record TestEvent(String key, String note) {

	static final EventTopic<String, TestEvent> TOPIC = EventTopic.of(MessagingTestApplication.TOPIC,
			new EventType<>("test-event", 1, TestEvent.class), TestEvent::key);

	static EventEnvelope<TestEvent> of(String key, String note, @Nullable String traceparent) {
		return TOPIC.envelope(new TestEvent(key, note), Instant.now(), traceparent);
	}

}
