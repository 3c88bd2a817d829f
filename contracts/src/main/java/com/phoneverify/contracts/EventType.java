package com.phoneverify.contracts;

import java.util.Objects;

/**
 * One kind of payload: its type name and schema version, as written in the envelope, and
 * the record that carries it. Each payload record declares its own
 * ({@code AuthRequested.EVENT_TYPE}); the schema is
 * {@code schemas/<name>.v<version>.json}.
 */
public record EventType<P>(String name, int version, Class<P> payloadClass) {

	public EventType {
		if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
			throw new IllegalArgumentException("an event type name is lower-case words joined by hyphens");
		}
		if (version < 1) {
			throw new IllegalArgumentException("a schema version starts at 1");
		}
		Objects.requireNonNull(payloadClass, "payloadClass");
	}

	/** The payload's schema file, relative to {@code schemas/}. */
	public String schemaFile() {
		return this.name + ".v" + this.version + ".json";
	}

	@Override
	public String toString() {
		return this.name + " v" + this.version;
	}

}
