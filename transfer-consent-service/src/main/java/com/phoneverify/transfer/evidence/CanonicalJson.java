package com.phoneverify.transfer.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Canonical JSON for the values evidence holds — objects, arrays, strings, integers
 * ({@code long}), booleans and null — as RFC 8785 (JCS) writes them: no whitespace,
 * object members sorted by their names' UTF-16 code units, strings with only {@code "},
 * {@code \} and control characters escaped ({@code \b \f \n \r \t}, else
 * {@code \}{@code u00XX} lowercase). Fractions and exponents are refused: no evidence
 * value is one. And a small parser of the same subset, so that a verifier needs nothing
 * but the JDK.
 */
public final class CanonicalJson {

	private CanonicalJson() {
	}

	/**
	 * The canonical text of a value built of maps, lists, strings, longs, booleans, null.
	 */
	public static String write(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	@SuppressWarnings("unchecked")
	private static void write(@Nullable Object value, StringBuilder out) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String text) {
			string(text, out);
		}
		else if (value instanceof Long || value instanceof Integer) {
			out.append(((Number) value).longValue());
		}
		else if (value instanceof Boolean bool) {
			out.append(bool.booleanValue());
		}
		else if (value instanceof Map<?, ?> map) {
			// String's natural order compares UTF-16 code units, as RFC 8785 §3.2.3 asks
			TreeMap<String, Object> sorted = new TreeMap<>((Map<String, Object>) map);
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, Object> member : sorted.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(member.getKey(), out);
				out.append(':');
				write(member.getValue(), out);
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(list.get(i), out);
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("not an evidence value: " + value.getClass().getSimpleName());
		}
	}

	private static void string(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	/**
	 * Reads JSON text of the same subset: objects become maps, arrays lists, numbers
	 * longs.
	 * @throws IllegalArgumentException saying where the text is not such JSON
	 */
	public static @Nullable Object parse(String text) {
		Parser parser = new Parser(text);
		Object value = parser.value();
		parser.skipWhitespace();
		if (parser.position < text.length()) {
			throw parser.error("text after the value");
		}
		return value;
	}

	private static final class Parser {

		private final String text;

		private int position;

		Parser(String text) {
			this.text = text;
		}

		@Nullable Object value() {
			skipWhitespace();
			if (this.position >= this.text.length()) {
				throw error("unexpected end");
			}
			char c = this.text.charAt(this.position);
			return switch (c) {
				case '{' -> object();
				case '[' -> array();
				case '"' -> string();
				case 't' -> literal("true", Boolean.TRUE);
				case 'f' -> literal("false", Boolean.FALSE);
				case 'n' -> literal("null", null);
				default -> number();
			};
		}

		private Map<String, Object> object() {
			Map<String, Object> map = new TreeMap<>();
			this.position++;
			skipWhitespace();
			if (peek() == '}') {
				this.position++;
				return map;
			}
			while (true) {
				skipWhitespace();
				if (peek() != '"') {
					throw error("a member name");
				}
				String name = string();
				skipWhitespace();
				expect(':');
				if (map.containsKey(name)) {
					throw error("member '" + name + "' twice");
				}
				map.put(name, value());
				skipWhitespace();
				char c = next();
				if (c == '}') {
					return map;
				}
				if (c != ',') {
					throw error("',' or '}'");
				}
			}
		}

		private List<Object> array() {
			List<Object> list = new ArrayList<>();
			this.position++;
			skipWhitespace();
			if (peek() == ']') {
				this.position++;
				return list;
			}
			while (true) {
				list.add(value());
				skipWhitespace();
				char c = next();
				if (c == ']') {
					return list;
				}
				if (c != ',') {
					throw error("',' or ']'");
				}
			}
		}

		private String string() {
			expect('"');
			StringBuilder out = new StringBuilder();
			while (true) {
				char c = next();
				if (c == '"') {
					return out.toString();
				}
				if (c < 0x20) {
					throw error("a control character in a string");
				}
				if (c != '\\') {
					out.append(c);
					continue;
				}
				char escape = next();
				switch (escape) {
					case '"', '\\', '/' -> out.append(escape);
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'u' -> {
						if (this.position + 4 > this.text.length()) {
							throw error("four hex digits");
						}
						try {
							out.append(
									(char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
						}
						catch (NumberFormatException ex) {
							throw error("four hex digits");
						}
						this.position += 4;
					}
					default -> throw error("a valid escape");
				}
			}
		}

		private Long number() {
			int start = this.position;
			if (peek() == '-') {
				this.position++;
			}
			while (this.position < this.text.length() && Character.isDigit(this.text.charAt(this.position))
					&& this.text.charAt(this.position) <= '9') {
				this.position++;
			}
			if (this.position < this.text.length() && ".eE".indexOf(this.text.charAt(this.position)) >= 0) {
				throw error("an integer (evidence holds no fractions)");
			}
			try {
				return Long.parseLong(this.text.substring(start, this.position));
			}
			catch (NumberFormatException ex) {
				throw error("a value");
			}
		}

		private @Nullable Object literal(String word, @Nullable Object value) {
			if (!this.text.startsWith(word, this.position)) {
				throw error("'" + word + "'");
			}
			this.position += word.length();
			return value;
		}

		void skipWhitespace() {
			while (this.position < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.position)) >= 0) {
				this.position++;
			}
		}

		private char peek() {
			if (this.position >= this.text.length()) {
				throw error("unexpected end");
			}
			return this.text.charAt(this.position);
		}

		private char next() {
			char c = peek();
			this.position++;
			return c;
		}

		private void expect(char c) {
			if (next() != c) {
				this.position--;
				throw error("'" + c + "'");
			}
		}

		IllegalArgumentException error(String expected) {
			return new IllegalArgumentException(
					"not evidence JSON at character " + this.position + ": expected " + expected);
		}

	}

}
