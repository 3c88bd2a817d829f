package com.phoneverify.contracts;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into JSON bytes and back. Unknown fields are ignored so that a consumer
 * keeps reading when a producer adds an optional field; a missing required field, a wrong
 * type or version, or broken JSON is a {@link MalformedEventException} whose message says
 * what is wrong (it becomes the dead-letter reason). Thread-safe.
 */
public final class EventCodec {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	public byte[] encode(Event event) {
		return this.mapper.writeValueAsBytes(event);
	}

	public <T extends Event> T decode(byte[] json, Class<T> type) {
		if (json == null || json.length == 0) {
			throw new MalformedEventException("empty record value, expected a " + type.getSimpleName() + " event");
		}
		try {
			return this.mapper.readValue(json, type);
		}
		catch (JacksonException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new MalformedEventException(
					"not a valid " + type.getSimpleName() + " event: " + firstLine(cause.getMessage()), ex);
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable JSON";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
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
