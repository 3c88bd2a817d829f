package com.phoneverify.messaging.support;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * Values of rows that {@code DatabaseClient} returns as maps, in the types the features
 * use.
 */
public final class Rows {

	private Rows() {
	}

	/**
	 * A {@code timestamptz} column: r2dbc-postgresql returns an {@link OffsetDateTime}
	 * (an {@link Instant} where one was bound); null stays null.
	 */
	public static @Nullable Instant instant(@Nullable Object value) {
		if (value instanceof OffsetDateTime offset) {
			return offset.toInstant();
		}
		return (Instant) value;
	}

	/** A {@code bytea} column: r2dbc-postgresql returns a {@link ByteBuffer}. */
	public static byte[] bytes(Object value) {
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes;
		}
		throw new IllegalStateException("unexpected bytea value of " + value.getClass());
	}

}
