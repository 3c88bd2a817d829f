package com.phoneverify.contracts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.contracts.topics.EventTopics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
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
 * consumer, and an {@link Error} would kill its thread. Tries:
 * {@code jqwik.tries.default} (10,000 in {@code junit-platform.properties}).
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

	@Property
	void randomBytesAreDecodedOrRefusedAsMalformed(@ForAll("topics") EventTopic<?, ?> topic,
			@ForAll("randomValues") byte[] value) {
		decodeOrRefuse(value, topic);
	}

	@Property
	void mutatedEnvelopesAreDecodedOrRefusedAsMalformed(@ForAll("mutatedEnvelopes") Mutated mutated) {
		String outcome = decodeOrRefuse(mutated.value(), mutated.topic());
		Statistics.collect(outcome);
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

	@Provide
	Arbitrary<EventTopic<?, ?>> topics() {
		return Arbitraries.of(EventTopics.all());
	}

	@Provide
	Arbitrary<byte[]> randomValues() {
		Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
		Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(256).map(EventCodecFuzzTests::utf8);
		Arbitrary<byte[]> json = jsonValues(4).map(EventCodecFuzzTests::bytesOf);
		return Arbitraries.oneOf(bytes, text, json);
	}

	@Provide
	Arbitrary<Mutated> mutatedEnvelopes() {
		Arbitrary<Valid> valid = Arbitraries.of(VALID);
		Arbitrary<Mutated> treeMutations = Combinators
			.combine(valid, Arbitraries.integers().between(1, 4).flatMap((n) -> treeMutation().list().ofSize(n)))
			.as((original, mutations) -> {
				ObjectNode tree = (ObjectNode) JSON.readTree(original.value());
				mutations.forEach((mutation) -> mutation.apply(tree));
				return new Mutated(original.topic(), bytesOf(tree));
			});
		Arbitrary<Mutated> byteMutations = Combinators
			.combine(valid, Arbitraries.integers().between(1, 8).flatMap((n) -> byteMutation().list().ofSize(n)))
			.as((original, mutations) -> {
				byte[] value = original.value();
				for (ByteMutation mutation : mutations) {
					value = mutation.apply(value);
				}
				return new Mutated(original.topic(), value);
			});
		// now and then a valid envelope read as another topic's event
		Arbitrary<Mutated> wrongTopic = Combinators.combine(valid, topics())
			.as((original, topic) -> new Mutated(topic, original.value()));
		return Arbitraries.frequencyOf(Tuple.of(6, treeMutations), Tuple.of(3, byteMutations), Tuple.of(1, wrongTopic));
	}

	/** A change to one field of the envelope or of its payload (nested objects too). */
	private static Arbitrary<TreeMutation> treeMutation() {
		Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1_000);
		Arbitrary<Boolean> inPayload = Arbitraries.of(true, false);
		Arbitrary<TreeMutation> remove = Combinators.combine(inPayload, pick).as((payload, index) -> (tree) -> {
			ObjectNode owner = fieldOwner(tree, payload, index);
			String name = fieldName(owner, index);
			if (name != null) {
				owner.remove(name);
			}
		});
		Arbitrary<TreeMutation> replace = Combinators.combine(inPayload, pick, jsonValues(3))
			.as((payload, index, value) -> (tree) -> {
				ObjectNode owner = fieldOwner(tree, payload, index);
				String name = fieldName(owner, index);
				if (name != null) {
					owner.set(name, value);
				}
			});
		Arbitrary<TreeMutation> add = Combinators.combine(inPayload, pick, fieldNames(), jsonValues(2))
			.as((payload, index, name, value) -> (tree) -> fieldOwner(tree, payload, index).set(name, value));
		Arbitrary<TreeMutation> nest = Combinators.combine(inPayload, pick, Arbitraries.integers().between(1, 3_000))
			.as((payload, index, depth) -> (tree) -> {
				ObjectNode owner = fieldOwner(tree, payload, index);
				String name = fieldName(owner, index);
				if (name != null) {
					owner.set(name, nested(depth));
				}
			});
		Arbitrary<TreeMutation> swapTypeString = Arbitraries
			.of("auth-requested", "call-completed", "verification-outcome", "consent-replied", "sms-requested",
					"sms-status-changed", "", "AUTH-REQUESTED")
			.map((type) -> (tree) -> tree.put("type", type));
		return Arbitraries.frequencyOf(Tuple.of(3, remove), Tuple.of(6, replace), Tuple.of(2, add), Tuple.of(1, nest),
				Tuple.of(1, swapTypeString));
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

	private static Arbitrary<String> fieldNames() {
		return Arbitraries.oneOf(
				Arbitraries.of("eventId", "type", "schemaVersion", "occurredAt", "traceparent", "key", "payload",
						"verificationId", "merchantId", "scenario", "phone", "code", "challengeKey", "codeLength",
						"expiresAt", "outcome", "sipStatus", "timings", "status", "reason", "product", "messageId",
						"kind", "transferId", "keyId", "nonce", "ciphertext", "totalMillis", "@class", "__proto__"),
				Arbitraries.strings().all().ofMaxLength(12));
	}

	/** JSON values of every type, with the numbers and strings that break parsers. */
	private static Arbitrary<JsonNode> jsonValues(int depth) {
		Arbitrary<JsonNode> scalars = Arbitraries.oneOf(Arbitraries.just(NODES.nullNode()),
				Arbitraries.of(true, false).map(NODES::booleanNode), Arbitraries.integers().map(NODES::numberNode),
				Arbitraries.longs().map(NODES::numberNode),
				Arbitraries.of(Double.MAX_VALUE, -0.0, 1e-320, 4.5, Double.MIN_VALUE).map(NODES::numberNode),
				Arbitraries.bigIntegers()
					.between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(400))
					.map(NODES::numberNode),
				Arbitraries.of(new java.math.BigDecimal("1e999999999"), new java.math.BigDecimal("-1e-999999999"),
						new java.math.BigDecimal("12345678901234567890.123456789"))
					.map(NODES::numberNode),
				Arbitraries.strings().all().ofMaxLength(40).map(NODES::stringNode),
				Arbitraries.of("", " ", "00000000-0000-0000-0000-000000000000", "7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a1",
						"2026-11-25T06:00:00Z", "+1000000000-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z",
						"2026-13-45T25:61:61Z", "1e9", "NaN", "A", "b", "answered", "busy", "delivered", "ars",
						"\u0000", "\uD800", "%00", "../../etc/passwd", "x".repeat(10_000))
					.map(NODES::stringNode));
		if (depth == 0) {
			return scalars;
		}
		Arbitrary<JsonNode> arrays = jsonValues(depth - 1).list().ofMaxSize(3).map((items) -> {
			ArrayNode array = NODES.arrayNode();
			items.forEach(array::add);
			return array;
		});
		Arbitrary<JsonNode> objects = Combinators
			.combine(fieldNames().list().ofMaxSize(3), jsonValues(depth - 1).list().ofSize(3))
			.as((names, values) -> {
				ObjectNode object = NODES.objectNode();
				for (int i = 0; i < names.size(); i++) {
					object.set(names.get(i), values.get(i));
				}
				return object;
			});
		return Arbitraries.frequencyOf(Tuple.of(6, scalars), Tuple.of(1, arrays), Tuple.of(2, objects));
	}

	/** A change to the bytes: flip, delete, insert, cut, duplicate, invalid UTF-8. */
	private static Arbitrary<ByteMutation> byteMutation() {
		Arbitrary<Integer> at = Arbitraries.integers().between(0, 100_000);
		Arbitrary<ByteMutation> flip = Combinators.combine(at, Arbitraries.bytes()).as((position, value) -> (bytes) -> {
			if (bytes.length == 0) {
				return bytes;
			}
			byte[] copy = bytes.clone();
			copy[position % copy.length] = value;
			return copy;
		});
		Arbitrary<ByteMutation> cut = at.map((position) -> (bytes) -> java.util.Arrays.copyOf(bytes,
				(bytes.length == 0) ? 0 : position % bytes.length));
		Arbitrary<ByteMutation> insert = Combinators
			.combine(at,
					Arbitraries.of(new byte[] { (byte) 0xC3 }, new byte[] { (byte) 0xFF, (byte) 0xFE },
							new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, "\"".getBytes(), "{".getBytes(),
							"]".getBytes(), "\\u".getBytes(), ",".getBytes(), "null".getBytes(), new byte[] { 0 }))
			.as((position, inserted) -> (bytes) -> splice(bytes, position, inserted));
		Arbitrary<ByteMutation> duplicate = Combinators.combine(at, at).as((from, length) -> (bytes) -> {
			if (bytes.length == 0) {
				return bytes;
			}
			int start = from % bytes.length;
			int end = Math.min(bytes.length, start + length % 64);
			return splice(bytes, end, java.util.Arrays.copyOfRange(bytes, start, end));
		});
		return Arbitraries.oneOf(flip, cut, insert, duplicate);
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
			return this.topic.name() + ": " + new String(this.value, StandardCharsets.UTF_8);
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
