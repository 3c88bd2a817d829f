package com.phoneverify.contracts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.contracts.topics.EventTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile record values for every topic of {@link EventTopics}: random bytes, and valid
 * envelopes mutated in their JSON tree (fields dropped, retyped, huge, deeply nested,
 * unknown) and in their bytes (flipped, cut, spliced, invalid UTF-8). The decoder either
 * returns an event or throws {@link EventCodec.MalformedEventException}, which sends the
 * record to the dead-letter topic; any other exception would be retried forever by the
 * consumer, and an {@link Error} would kill its thread. Tries: {@code -Dfuzz.tries}
 * (10,000 unless given), seed {@code -Dfuzz.seed} (see {@link Fuzz}).
 */
class EventCodecFuzzTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String NESTING = "nesting-placeholder-";

	/** One valid envelope per topic and shape, from the schema tests. */
	private static final List<Valid> VALID = EventSchemaTests.events().map(Arguments::get).map((arguments) -> {
		EventTopic<?, ?> topic = (EventTopic<?, ?>) arguments[0];
		return new Valid(topic, new EventCodec().encode((EventEnvelope<?>) arguments[1]));
	}).toList();

	private final EventCodec codec = new EventCodec();

	@Test
	void randomBytesAreDecodedOrRefusedAsMalformed() {
		Fuzz.forAll((fuzz) -> new Mutated(topic(fuzz), randomValue(fuzz)), Mutated::toString,
				(input) -> decodeOrRefuse(input.value(), input.topic()));
	}

	@Test
	void mutatedEnvelopesAreDecodedOrRefusedAsMalformed() {
		Fuzz.forAll(EventCodecFuzzTests::mutatedEnvelope, Mutated::toString,
				(mutated) -> decodeOrRefuse(mutated.value(), mutated.topic()));
	}

	private String decodeOrRefuse(byte[] value, EventTopic<?, ?> topic) {
		try {
			EventEnvelope<?> event = this.codec.decode(value, topic);
			assertThat(event.type()).isEqualTo(topic.eventType().name());
			return "decoded";
		}
		catch (EventCodec.MalformedEventException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return "malformed";
		}
	}

	private static EventTopic<?, ?> topic(Fuzz fuzz) {
		return fuzz.pick(List.copyOf(EventTopics.all()));
	}

	private static byte[] randomValue(Fuzz fuzz) {
		return switch (fuzz.weighted(1, 1, 1)) {
			case 0 -> fuzz.bytes(512);
			case 1 -> utf8(fuzz.string(256));
			default -> bytesOf(jsonValue(fuzz, 4));
		};
	}

	private static Mutated mutatedEnvelope(Fuzz fuzz) {
		Valid original = fuzz.pick(VALID);
		return switch (fuzz.weighted(6, 3, 1)) {
			case 0 -> {
				ObjectNode tree = (ObjectNode) JSON.readTree(original.value());
				for (int i = fuzz.between(1, 4); i > 0; i--) {
					treeMutation(fuzz).apply(tree);
				}
				yield new Mutated(original.topic(), bytesOf(tree));
			}
			case 1 -> {
				byte[] value = original.value();
				for (int i = fuzz.between(1, 8); i > 0; i--) {
					value = byteMutation(fuzz).apply(value);
				}
				yield new Mutated(original.topic(), value);
			}
			// now and then a valid envelope read as another topic's event
			default -> new Mutated(topic(fuzz), original.value());
		};
	}

	/** A change to one field of the envelope or of its payload (nested objects too). */
	private static TreeMutation treeMutation(Fuzz fuzz) {
		boolean payload = fuzz.bool();
		int index = fuzz.between(0, 1_000);
		return switch (fuzz.weighted(3, 6, 2, 1, 1)) {
			case 0 -> (tree) -> {
				ObjectNode owner = fieldOwner(tree, payload, index);
				String name = fieldName(owner, index);
				if (name != null) {
					owner.remove(name);
				}
			};
			case 1 -> {
				JsonNode value = jsonValue(fuzz, 3);
				yield (tree) -> {
					ObjectNode owner = fieldOwner(tree, payload, index);
					String name = fieldName(owner, index);
					if (name != null) {
						owner.set(name, value);
					}
				};
			}
			case 2 -> {
				String name = fieldName(fuzz);
				JsonNode value = jsonValue(fuzz, 2);
				yield (tree) -> fieldOwner(tree, payload, index).set(name, value);
			}
			case 3 -> {
				int depth = fuzz.between(1, 3_000);
				yield (tree) -> {
					ObjectNode owner = fieldOwner(tree, payload, index);
					String name = fieldName(owner, index);
					if (name != null) {
						owner.set(name, nested(depth));
					}
				};
			}
			default -> {
				String type = fuzz.pick("auth-requested", "call-completed", "verification-outcome", "consent-replied",
						"sms-requested", "sms-status-changed", "", "AUTH-REQUESTED");
				yield (tree) -> tree.put("type", type);
			}
		};
	}

	private static ObjectNode fieldOwner(ObjectNode tree, boolean inPayload, int index) {
		ObjectNode owner = tree;
		if (inPayload && tree.get("payload") instanceof ObjectNode payload) {
			owner = payload;
			// one level further, into a nested object such as timings or a sealed value
			String name = fieldName(payload, index / 7);
			if (name != null && index % 3 == 0 && payload.get(name) instanceof ObjectNode inner) {
				owner = inner;
			}
		}
		return owner;
	}

	private static String fieldName(ObjectNode owner, int index) {
		List<String> names = new ArrayList<>(owner.propertyNames());
		return names.isEmpty() ? null : names.get(index % names.size());
	}

	/**
	 * A placeholder that {@link #bytesOf} writes as {@code depth} nested arrays and
	 * objects: deeper than Jackson's writer allows, as deep as an attacker likes.
	 */
	private static JsonNode nested(int depth) {
		return NODES.stringNode(NESTING + depth);
	}

	private static String fieldName(Fuzz fuzz) {
		return fuzz.bool()
				? fuzz.pick("eventId", "type", "schemaVersion", "occurredAt", "traceparent", "key", "payload",
						"verificationId", "merchantId", "scenario", "phone", "code", "challengeKey", "codeLength",
						"expiresAt", "outcome", "sipStatus", "timings", "status", "reason", "product", "messageId",
						"kind", "transferId", "keyId", "nonce", "ciphertext", "totalMillis", "@class", "__proto__")
				: fuzz.string(12);
	}

	/** JSON values of every type, with the numbers and strings that break parsers. */
	private static JsonNode jsonValue(Fuzz fuzz, int depth) {
		int kind = (depth == 0) ? 0 : fuzz.weighted(6, 1, 2);
		if (kind == 0) {
			return scalar(fuzz);
		}
		if (kind == 1) {
			ArrayNode array = NODES.arrayNode();
			fuzz.list(0, 3, () -> jsonValue(fuzz, depth - 1)).forEach(array::add);
			return array;
		}
		ObjectNode object = NODES.objectNode();
		List<String> names = fuzz.list(0, 3, () -> fieldName(fuzz));
		for (String name : names) {
			object.set(name, jsonValue(fuzz, depth - 1));
		}
		return object;
	}

	private static JsonNode scalar(Fuzz fuzz) {
		return switch (fuzz.between(0, 8)) {
			case 0 -> NODES.nullNode();
			case 1 -> NODES.booleanNode(fuzz.bool());
			case 2 -> NODES.numberNode(fuzz.anyInt());
			case 3 -> NODES.numberNode(fuzz.anyLong());
			case 4 -> NODES.numberNode(fuzz.pick(Double.MAX_VALUE, -0.0, 1e-320, 4.5, Double.MIN_VALUE));
			case 5 -> NODES.numberNode(bigInteger(fuzz));
			case 6 -> NODES.numberNode(fuzz.pick(new BigDecimal("1e999999999"), new BigDecimal("-1e-999999999"),
					new BigDecimal("12345678901234567890.123456789")));
			case 7 -> NODES.stringNode(fuzz.string(40));
			default -> NODES.stringNode(fuzz.pick("", " ", "00000000-0000-0000-0000-000000000000",
					"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a1", "2026-11-25T06:00:00Z",
					"+1000000000-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", "2026-13-45T25:61:61Z",
					"1e9", "NaN", "A", "b", "answered", "busy", "delivered", "ars", "\u0000", "\uD800", "%00",
					"../../etc/passwd", "x".repeat(10_000)));
		};
	}

	/** From -10^30 to about 10^400: beyond long, and beyond double. */
	private static BigInteger bigInteger(Fuzz fuzz) {
		byte[] magnitude = new byte[fuzz.between(1, 166)];
		for (int i = 0; i < magnitude.length; i++) {
			magnitude[i] = fuzz.anyByte();
		}
		BigInteger value = new BigInteger(1, magnitude);
		return (magnitude.length <= 12 && fuzz.bool()) ? value.negate() : value;
	}

	/** A change to the bytes: flip, delete, insert, cut, duplicate, invalid UTF-8. */
	private static ByteMutation byteMutation(Fuzz fuzz) {
		int position = fuzz.between(0, 100_000);
		return switch (fuzz.between(0, 3)) {
			case 0 -> {
				byte value = fuzz.anyByte();
				yield (bytes) -> {
					if (bytes.length == 0) {
						return bytes;
					}
					byte[] copy = bytes.clone();
					copy[position % copy.length] = value;
					return copy;
				};
			}
			case 1 -> (bytes) -> Arrays.copyOf(bytes, (bytes.length == 0) ? 0 : position % bytes.length);
			case 2 -> {
				byte[] inserted = fuzz.pick(new byte[] { (byte) 0xC3 }, new byte[] { (byte) 0xFF, (byte) 0xFE },
						new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, "\"".getBytes(), "{".getBytes(),
						"]".getBytes(), "\\u".getBytes(), ",".getBytes(), "null".getBytes(), new byte[] { 0 });
				yield (bytes) -> splice(bytes, position, inserted);
			}
			default -> {
				int length = fuzz.between(0, 100_000);
				yield (bytes) -> {
					if (bytes.length == 0) {
						return bytes;
					}
					int start = position % bytes.length;
					int end = Math.min(bytes.length, start + length % 64);
					return splice(bytes, end, Arrays.copyOfRange(bytes, start, end));
				};
			}
		};
	}

	private static byte[] splice(byte[] bytes, int position, byte[] inserted) {
		int at = (bytes.length == 0) ? 0 : position % (bytes.length + 1);
		byte[] out = new byte[bytes.length + inserted.length];
		System.arraycopy(bytes, 0, out, 0, at);
		System.arraycopy(inserted, 0, out, at, inserted.length);
		System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
		return out;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytesOf(JsonNode node) {
		String json = JSON.writeValueAsString(node);
		Matcher placeholder = Pattern.compile("\"" + NESTING + "(\\d+)\"").matcher(json);
		StringBuilder out = new StringBuilder();
		while (placeholder.find()) {
			int depth = Integer.parseInt(placeholder.group(1));
			StringBuilder deep = new StringBuilder();
			for (int i = 0; i < depth; i++) {
				deep.append((i % 2 == 0) ? "[" : "{\"a\":");
			}
			deep.append('1');
			for (int i = depth - 1; i >= 0; i--) {
				deep.append((i % 2 == 0) ? "]" : "}");
			}
			placeholder.appendReplacement(out, Matcher.quoteReplacement(deep.toString()));
		}
		placeholder.appendTail(out);
		return utf8(out.toString());
	}

	record Valid(EventTopic<?, ?> topic, byte[] value) {

		@Override
		public String toString() {
			return this.topic.name();
		}

	}

	record Mutated(EventTopic<?, ?> topic, byte[] value) {

		@Override
		public String toString() {
			return this.topic.name() + ": " + Fuzz.hex(this.value);
		}

	}

	@FunctionalInterface
	interface TreeMutation {

		void apply(ObjectNode tree);

	}

	@FunctionalInterface
	interface ByteMutation {

		byte[] apply(byte[] bytes);

	}

}
