package com.phoneverify.gateway;

import com.phoneverify.contracts.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Generators of hostile HTTP requests for the gateway: any method; paths of the API and
 * around it with matrix variables, percent escapes (valid, invalid, of {@code /} and
 * {@code .}), dot segments, doubled slashes, raw unicode and long queries; headers with
 * odd or contradicting content types, accepts, encodings, trace contexts and huge values;
 * JSON bodies with wrong types, huge numbers, deep nesting, missing and extra fields,
 * invalid UTF-8 or no JSON at all; unsigned, correctly signed over exactly what is sent,
 * signed with a wrong secret, stale, malformed or replayed.
 */
final class HostileRequests {

	private HostileRequests() {
	}

	/** How the request is authenticated. */
	enum Auth {

		NONE, SIGNED, WRONG_SECRET, STALE, MALFORMED, REPLAYED, ADMIN_TOKEN, WRONG_ADMIN_TOKEN

	}

	/**
	 * One request; the Authorization header is made when it is sent (fresh timestamp and
	 * nonce).
	 */
	record Request(String method, String target, List<String[]> headers, byte[] body, Auth auth) {

		@Override
		public String toString() {
			String text = new String(this.body, StandardCharsets.UTF_8);
			return this.method + " " + this.target + " " + this.auth + " "
					+ this.headers.stream().map((h) -> h[0] + ": " + abbreviate(h[1])).toList() + " body="
					+ abbreviate(text);
		}

	}

	static Request request(Fuzz fuzz) {
		String method = switch (fuzz.weighted(8, 5, 1)) {
			case 0 -> "POST";
			case 1 -> "GET";
			default -> fuzz.pick("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "get", "Post", "FOO", "PROPFIND",
					"M-SEARCH");
		};
		String target = target(fuzz);
		List<String[]> headers = headers(fuzz);
		byte[] body = body(fuzz);
		Auth auth = switch (fuzz.weighted(8, 4, 1)) {
			case 0 -> Auth.SIGNED;
			case 1 -> Auth.NONE;
			default -> fuzz.pick(Auth.WRONG_SECRET, Auth.STALE, Auth.MALFORMED, Auth.REPLAYED, Auth.ADMIN_TOKEN,
					Auth.WRONG_ADMIN_TOKEN);
		};
		return new Request(method, target, headers, body, auth);
	}

	static String target(Fuzz fuzz) {
		String path = switch (fuzz.weighted(8, 4, 4, 2, 1, 2)) {
			case 0 -> "/v1/ars-verifications";
			case 1 -> "/v1/ars-verifications/{id}";
			case 2 -> "/v1/ars-verifications/{id}/confirm";
			case 3 -> "/v1/ars-verifications/{id}/cancel";
			case 4 -> "/admin/v1/merchants";
			default -> fuzz.pick("/", "/v1", "/v1/", "/v2/ars-verifications", "/actuator/health",
					"/actuator/prometheus", "/v3/api-docs", "/favicon.ico", "/error", "/swagger-ui.html",
					"/v1/ars-verifications/{id}/confirm/extra", "/v1/ars-verifications/{id}/{id}",
					"/webjars/../v1/ars-verifications", "/V1/ARS-VERIFICATIONS", "*");
		};
		String id = (fuzz.weighted(4, 1) == 0) ? uuid(fuzz)
				: fuzz.pick("not-a-uuid", "", "00000000-0000-0000-0000-000000000000",
						"5F0E1D2C-3B4A-4958-8776-655443322110", "5f0e1d2c3b4a49588776655443322110", "..", "%00", "%zz",
						"\u00e9\u4e2d", "x".repeat(3_000), "-1", "null", "5f0e1d2c-3b4a-4958-8776-65544332211");
		String target = path.replace("{id}", id);
		int changes = (fuzz.weighted(3, 2) == 0) ? 0 : fuzz.between(1, 3);
		for (int i = 0; i < changes; i++) {
			target = pathMutation(fuzz).apply(target);
		}
		return target;
	}

	/** A random (version 4) UUID, from the seed. */
	private static String uuid(Fuzz fuzz) {
		long high = (fuzz.anyLong() & ~0xF000L) | 0x4000L;
		long low = (fuzz.anyLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

	@FunctionalInterface
	interface PathMutation {

		String apply(String path);

	}

	private static PathMutation pathMutation(Fuzz fuzz) {
		int position = fuzz.between(0, 1_000);
		return switch (fuzz.between(0, 3)) {
			case 0 -> {
				String text = fuzz.pick(";x=1", ";", ";jsessionid=1", "%76", "%2F", "%2f", "%2e", "%2e%2e", "%zz", "%",
						"%00", "%0d%0a", "%C0%AF", "/..", "/../", "/./", "//", "\u00e9", "\u4e2d\u6587", "%E9", "~",
						"!", "$", "'", "(", "*", "+", ",", "@", ":", "=", "\\", "%5C", "..;", "/;/");
				yield (path) -> {
					int index = (path.isEmpty()) ? 0 : 1 + position % path.length();
					return path.substring(0, Math.min(index, path.length())) + text
							+ path.substring(Math.min(index, path.length()));
				};
			}
			case 1 -> {
				String query = fuzz.pick("?", "?a=b", "?a=%zz", "?a=1&a=2", "?" + "q".repeat(5_000), "?%00",
						"?x=\u00e9", "?;", "?id=../../", "??", "?a=b#frag", "#frag");
				yield (path) -> path + query;
			}
			case 2 -> (path) -> {
				// percent-encode one character of the path
				if (path.length() < 2) {
					return path;
				}
				int index = 1 + position % (path.length() - 1);
				return path.substring(0, index) + String.format("%%%02X", (int) path.charAt(index) & 0xFF)
						+ path.substring(index + 1);
			};
			default -> (path) -> path + "/";
		};
	}

	static List<String[]> headers(Fuzz fuzz) {
		String type = switch (fuzz.weighted(10, 1, 1)) {
			case 0 -> "application/json";
			case 1 -> fuzz.pick("application/json;charset=UTF-8", "application/json; charset=utf-16",
					"application/json;charset=\"", "application/problem+json", "text/plain", "application/xml",
					"multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "", "json",
					"application/json, text/plain", "application/json;charset=nope", "\u00e9/\u00e9");
			default -> null;
		};
		List<String[]> headers = new ArrayList<>();
		if (type != null) {
			headers.add(new String[] { "Content-Type", type });
		}
		headers.addAll(fuzz.list(0, 3, () -> fuzz.pick(EXTRA_HEADERS).clone()));
		return headers;
	}

	private static final String[][] EXTRA_HEADERS = { { "Accept", "application/xml" }, { "Accept", "text/html" },
			{ "Accept", "application/json;q=0" }, { "Accept", "*/*" }, { "Accept", "\u0001\u0002" },
			{ "Accept-Charset", "utf-7" }, { "Content-Encoding", "gzip" }, { "Content-Encoding", "br, deflate" },
			{ "Content-Language", "ko" }, { "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
			{ "traceparent", "00-00000000000000000000000000000000-0000000000000000-01" },
			{ "traceparent", "zz-" + "f".repeat(200) }, { "traceparent", "" }, { "tracestate", "a=b,".repeat(100) },
			{ "X-Forwarded-For", "10.0.0.1, 127.0.0.1" }, { "Forwarded", "for=1.2.3.4" },
			{ "X-Huge", "h".repeat(6_000) }, { "Cookie", "a=b; c=\u00e9" }, { "If-None-Match", "*" },
			{ "Range", "bytes=0-1" }, { "Origin", "https://evil.example" }, { "Idempotency-Key", "\u0000" },
			{ "Content-Type", "text/plain" }, { "Authorization", "Basic Zm9vOmJhcg==" } };

	static byte[] body(Fuzz fuzz) {
		return switch (fuzz.weighted(12, 3, 1, 1)) {
			case 0 -> {
				int number = fuzz.between(0, 99_999_999);
				yield json(fuzz)
					.replace(PHONE, String.format("010-7%03d-%04d", number / 10_000 % 1000, number % 10_000))
					.getBytes(StandardCharsets.UTF_8);
			}
			case 1 -> fuzz.pick("", "null", "[]", "{}", "\"text\"", "{", "}", "{\"type\":", "[{]}", "{\"type\":\"A\",}",
					"{'type':'A'}", "{\"type\":\"A\"}{\"type\":\"B\"}", "\u00ef\u00bb\u00bf{}", "1e99999999", "-",
					"true", "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
					"x".repeat(300_000), "{\"phone\":\"" + "0".repeat(200_000) + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			case 2 -> fuzz.pick(new byte[] { '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, '"', '}' },
					new byte[] { '{', '"', (byte) 0xFF, (byte) 0xFE, '"', ':', '1', '}' },
					new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { 0, 0, 0, 0 },
					new byte[] { '{', '"', 'p', 'h', 'o', 'n', 'e', '"', ':', '"', (byte) 0xF0, (byte) 0x28,
							(byte) 0x8C, (byte) 0x28, '"', '}' });
			default -> fuzz.bytes(200);
		};
	}

	private static String json(Fuzz fuzz) {
		List<String[]> members = new ArrayList<>();
		for (String[] field : fuzz.pick(CREATE_FIELDS, CONFIRM_FIELDS, MERCHANT_FIELDS)) {
			members.add(field.clone());
		}
		for (FieldChange change : fuzz.list(0, 4, () -> fieldChange(fuzz))) {
			change.apply(members);
		}
		StringBuilder out = new StringBuilder("{");
		for (int i = 0; i < members.size(); i++) {
			out.append((i == 0) ? "" : ",")
				.append('"')
				.append(members.get(i)[0])
				.append("\":")
				.append(members.get(i)[1]);
		}
		return out.append('}').toString();
	}

	/**
	 * Replaced by a random mobile number, so that no number reaches its per-destination
	 * limit.
	 */
	private static final String PHONE = "{phone}";

	private static final String[][] CREATE_FIELDS = { { "type", "\"A\"" }, { "phone", "\"" + PHONE + "\"" },
			{ "codeLength", "6" }, { "expiresInSeconds", "180" } };

	private static final String[][] CONFIRM_FIELDS = { { "code", "\"123456\"" } };

	private static final String[][] MERCHANT_FIELDS = { { "merchantId", "\"fuzz-shop\"" }, { "name", "\"Shop\"" } };

	@FunctionalInterface
	interface FieldChange {

		void apply(List<String[]> members);

	}

	private static FieldChange fieldChange(Fuzz fuzz) {
		int position = fuzz.between(0, 1_000);
		return switch (fuzz.weighted(3, 6, 3, 1)) {
			case 0 -> (members) -> {
				if (!members.isEmpty()) {
					members.remove(position % members.size());
				}
			};
			case 1 -> {
				String text = fieldValue(fuzz);
				yield (members) -> {
					if (!members.isEmpty()) {
						members.get(position % members.size())[1] = text;
					}
				};
			}
			case 2 -> {
				String field = fuzz.pick("type", "phone", "codeLength", "expiresInSeconds", "callbackUrl", "code",
						"merchantId", "name", "extra", "", "__proto__", "TYPE", "phone\u0000", "\u00e9");
				String text = fieldValue(fuzz);
				yield (members) -> members.add(new String[] { field, text });
			}
			default -> (members) -> {
				if (!members.isEmpty()) {
					members.add(members.get(position % members.size()).clone());
				}
			};
		};
	}

	private static String fieldValue(Fuzz fuzz) {
		return switch (fuzz.between(0, 2)) {
			case 0 -> fuzz.pick("\"A\"", "\"B\"", "\"C\"", "\"D\"", "\"a\"", "\"\"", "null", "true", "1", "-1", "0",
					"1.5", "1e400", "-1e400", "99999999999999999999999", "2147483648", "-2147483649", "[]", "{}",
					"[\"A\"]", "{\"x\":1}", "\"010-1234-5678\"", "\"+821012345678\"", "\"+1 202 555 0100\"",
					"\"01012345678\"", "\"010-0000-0000\"", "\"+999999999999999\"", "\"0\"", "\"\\u0000\"",
					"\"\\ud800\"", "\"https://example.com/hook\"", "\"http://127.0.0.1:1/hook\"",
					"\"https://[::1%251]/h\"", "\"https://198.18.0.1/h\"", "\"javascript:alert(1)\"",
					"\"https://user:pass@example.com/\"", "\"file:///etc/passwd\"", "\"123456\"",
					"\"12345678901234567\"", "\"" + "9".repeat(5_000) + "\"", "\"shop-\u00e9\"",
					"\"" + "s".repeat(300) + "\"");
			case 1 -> String.valueOf(fuzz.anyInt());
			default -> {
				String s = fuzz.string(Fuzz.PRINTABLE, 0, 20);
				yield "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
			}
		};
	}

	private static String abbreviate(String text) {
		return (text.length() > 160) ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
	}

}
