package com.phoneverify.messaging.outbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Several outbox messages in one outbox row, as {@link Outbox#enqueueAll} writes them: a
 * batch then costs its table one row (an insert, a delete, their index entries and WAL),
 * not one per message. Such a row's topic is {@link #TOPIC}, which no Kafka topic can be
 * named; the relay unpacks it and sends its messages in their order.
 * <p>
 * The format: the count, then per message its topic, key and traceparent (UTF-8, each
 * after its length; -1 for a null traceparent) and its payload after its length, all
 * lengths as 4-byte big-endian integers.
 */
final class PackedMessages {

	/** The topic column of a packed row: parentheses are not legal in a Kafka topic. */
	static final String TOPIC = "(packed)";

	/**
	 * Messages per row at most, so that a relay batch of rows stays a bounded number of
	 * records.
	 */
	static final int MAX_PER_ROW = 100;

	private PackedMessages() {
	}

	static byte[] pack(List<OutboxMessage> messages) {
		if (messages.isEmpty() || messages.size() > MAX_PER_ROW) {
			throw new IllegalArgumentException("1 to " + MAX_PER_ROW + " messages per row, not " + messages.size());
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(messages.size());
			for (OutboxMessage message : messages) {
				writeText(out, message.topic());
				writeText(out, message.key());
				writeText(out, message.traceparent());
				out.writeInt(message.payload().length);
				out.write(message.payload());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * @throws IllegalArgumentException when the bytes are not what {@link #pack} wrote
	 */
	static List<OutboxMessage> unpack(byte[] packed) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
			int count = in.readInt();
			if (count < 1 || count > MAX_PER_ROW) {
				throw new IllegalArgumentException("a packed outbox row holds " + count + " messages");
			}
			List<OutboxMessage> messages = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				String topic = required(readText(in, packed.length));
				String key = required(readText(in, packed.length));
				String traceparent = readText(in, packed.length);
				messages.add(new OutboxMessage(topic, key, readBytes(in, packed.length), traceparent));
			}
			if (in.available() > 0) {
				throw new IllegalArgumentException("a packed outbox row has " + in.available() + " bytes too many");
			}
			return messages;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("a packed outbox row ends early", ex);
		}
	}

	private static void writeText(DataOutputStream out, @Nullable String text) throws IOException {
		if (text == null) {
			out.writeInt(-1);
			return;
		}
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static @Nullable String readText(DataInputStream in, int limit) throws IOException {
		int length = in.readInt();
		return (length == -1) ? null : new String(readBytes(in, length, limit), StandardCharsets.UTF_8);
	}

	private static byte[] readBytes(DataInputStream in, int limit) throws IOException {
		return readBytes(in, in.readInt(), limit);
	}

	private static byte[] readBytes(DataInputStream in, int length, int limit) throws IOException {
		if (length < 0 || length > limit) {
			throw new IllegalArgumentException("a packed outbox row names a length of " + length);
		}
		byte[] bytes = new byte[length];
		in.readFully(bytes);
		return bytes;
	}

	private static String required(@Nullable String text) {
		if (text == null) {
			throw new IllegalArgumentException("a packed outbox message has no topic or key");
		}
		return text;
	}

}
