package com.phoneverify.contracts;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events ({@link EventEnvelope}s) into JSON bytes and back. Decoding checks the
 * envelope, that its type and schema version are the expected ones, the payload, and that
 * the envelope's key is the payload's key on its topic. Unknown fields are ignored so
 * that a consumer keeps reading when a producer adds an optional field; anything else
 * that is wrong is a {@link MalformedEventException} whose message says what (it becomes
 * the dead-letter reason). Thread-safe.
 */
public final class EventCodec {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	public byte[] encode(EventEnvelope<?> event) {
		return this.mapper.writeValueAsBytes(event);
	}

	/**
	 * Reads an event of the topic's payload type and checks that its key is the
	 * payload's.
	 * @throws MalformedEventException saying what is wrong
	 */
	public <P> EventEnvelope<P> decode(byte[] json, EventTopic<?, P> topic) {
		EventEnvelope<P> event = decode(json, topic.eventType());
		String expectedKey = topic.recordKey(event.payload());
		if (!expectedKey.equals(event.key())) {
			throw new MalformedEventException("not a valid " + topic.eventType() + " event: key '" + event.key()
					+ "' is not the payload's key on " + topic.name() + " ('" + expectedKey + "')");
		}
		return event;
	}

	/**
	 * Reads an event of one payload type and version.
	 * @throws MalformedEventException saying what is wrong
	 */
	public <P> EventEnvelope<P> decode(byte[] json, EventType<P> expected) {
		if (json == null || json.length == 0) {
			throw new MalformedEventException("empty record value, expected a " + expected + " event");
		}
		RawEnvelope raw;
		try {
			raw = this.mapper.readValue(json, RawEnvelope.class);
		}
		catch (JacksonException ex) {
			throw malformed(expected, "", ex);
		}
		if (raw == null) {
			throw new MalformedEventException("not a valid " + expected + " event: null");
		}
		if (raw.type() == null || raw.schemaVersion() == null) {
			throw new MalformedEventException(
					"not a valid " + expected + " event: missing " + ((raw.type() == null) ? "type" : "schemaVersion"));
		}
		if (!expected.name().equals(raw.type()) || expected.version() != raw.schemaVersion()) {
			throw new MalformedEventException(
					"expected a " + expected + " event, got " + raw.type() + " v" + raw.schemaVersion());
		}
		String missing = (raw.eventId() == null) ? "eventId" : (raw.occurredAt() == null) ? "occurredAt"
				: (raw.key() == null) ? "key" : (raw.payload() == null || raw.payload().isNull()) ? "payload" : null;
		if (missing != null) {
			throw new MalformedEventException("not a valid " + expected + " event: missing " + missing);
		}
		if (!raw.payload().isObject()) {
			throw new MalformedEventException("not a valid " + expected + " event: payload is not a JSON object");
		}
		P payload;
		try {
			payload = this.mapper.treeToValue(raw.payload(), expected.payloadClass());
		}
		catch (JacksonException ex) {
			throw malformed(expected, "payload: ", ex);
		}
		return new EventEnvelope<>(raw.eventId(), raw.type(), raw.schemaVersion(), raw.occurredAt(), raw.traceparent(),
				raw.key(), payload);
	}

	private static MalformedEventException malformed(EventType<?> expected, String where, JacksonException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return new MalformedEventException(
				"not a valid " + expected + " event: " + where + firstLine(cause.getMessage()), ex);
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "unreadable JSON";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

	/** The envelope as read, before it is checked. */
	private record RawEnvelope(@Nullable UUID eventId, @Nullable String type, @Nullable Integer schemaVersion,
			@Nullable Instant occurredAt, @Nullable String traceparent, @Nullable String key,
			@Nullable JsonNode payload) {
	}

	/** A record that is not a valid event of the expected type and version. */
	public static final class MalformedEventException extends RuntimeException {

		public MalformedEventException(String message) {
			super(message);
		}

		public MalformedEventException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
