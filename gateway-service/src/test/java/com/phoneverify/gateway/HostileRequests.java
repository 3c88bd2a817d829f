package com.phoneverify.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

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

	static Arbitrary<Request> requests() {
		Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("POST")),
				Tuple.of(5, Arbitraries.just("GET")), Tuple.of(1, Arbitraries.of("PUT", "DELETE", "PATCH", "HEAD",
						"OPTIONS", "TRACE", "get", "Post", "FOO", "PROPFIND", "M-SEARCH")));
		Arbitrary<Auth> auth = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(Auth.SIGNED)),
				Tuple.of(4, Arbitraries.just(Auth.NONE)), Tuple.of(1, Arbitraries.of(Auth.WRONG_SECRET, Auth.STALE,
						Auth.MALFORMED, Auth.REPLAYED, Auth.ADMIN_TOKEN, Auth.WRONG_ADMIN_TOKEN)));
		return Combinators.combine(method, targets(), headers(), bodies(), auth).as(Request::new);
	}

	static Arbitrary<String> targets() {
		Arbitrary<String> id = Arbitraries.frequencyOf(
				Tuple.of(4, Arbitraries.create(() -> UUID.randomUUID().toString())),
				Tuple.of(1, Arbitraries.of("not-a-uuid", "", "00000000-0000-0000-0000-000000000000",
						"5F0E1D2C-3B4A-4958-8776-655443322110", "5f0e1d2c3b4a49588776655443322110", "..", "%00", "%zz",
						"\u00e9\u4e2d", "x".repeat(3_000), "-1", "null", "5f0e1d2c-3b4a-4958-8776-65544332211")));
		Arbitrary<String> base = Combinators
			.combine(Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("/v1/ars-verifications")),
					Tuple.of(4, Arbitraries.just("/v1/ars-verifications/{id}")),
					Tuple.of(4, Arbitraries.just("/v1/ars-verifications/{id}/confirm")),
					Tuple.of(2, Arbitraries.just("/v1/ars-verifications/{id}/cancel")),
					Tuple.of(1, Arbitraries.just("/admin/v1/merchants")),
					Tuple.of(2, Arbitraries.of("/", "/v1", "/v1/", "/v2/ars-verifications", "/actuator/health",
							"/actuator/prometheus", "/v3/api-docs", "/favicon.ico", "/error", "/swagger-ui.html",
							"/v1/ars-verifications/{id}/confirm/extra", "/v1/ars-verifications/{id}/{id}",
							"/webjars/../v1/ars-verifications", "/V1/ARS-VERIFICATIONS", "*"))),
					id)
			.as((path, value) -> path.replace("{id}", value));
		Arbitrary<List<PathMutation>> mutations = Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.just(List.<PathMutation>of())),
				Tuple.of(2, pathMutation().list().ofMinSize(1).ofMaxSize(3)));
		return Combinators.combine(base, mutations).as((path, changes) -> {
			String target = path;
			for (PathMutation change : changes) {
				target = change.apply(target);
			}
			return target;
		});
	}

	@FunctionalInterface
	interface PathMutation {

		String apply(String path);

	}

	private static Arbitrary<PathMutation> pathMutation() {
		Arbitrary<Integer> at = Arbitraries.integers().between(0, 1_000);
		Arbitrary<String> insert = Arbitraries.of(";x=1", ";", ";jsessionid=1", "%76", "%2F", "%2f", "%2e", "%2e%2e",
				"%zz", "%", "%00", "%0d%0a", "%C0%AF", "/..", "/../", "/./", "//", "\u00e9", "\u4e2d\u6587", "%E9", "~",
				"!", "$", "'", "(", "*", "+", ",", "@", ":", "=", "\\", "%5C", "..;", "/;/");
		Arbitrary<String> query = Arbitraries.of("?", "?a=b", "?a=%zz", "?a=1&a=2", "?" + "q".repeat(5_000), "?%00",
				"?x=\u00e9", "?;", "?id=../../", "??", "?a=b#frag", "#frag");
		return Arbitraries.oneOf(Combinators.combine(at, insert).as((position, text) -> (path) -> {
			int index = (path.isEmpty()) ? 0 : 1 + position % path.length();
			return path.substring(0, Math.min(index, path.length())) + text
					+ path.substring(Math.min(index, path.length()));
		}), query.map((text) -> (path) -> path + text), at.map((position) -> (path) -> {
			// percent-encode one character of the path
			if (path.length() < 2) {
				return path;
			}
			int index = 1 + position % (path.length() - 1);
			return path.substring(0, index) + String.format("%%%02X", (int) path.charAt(index) & 0xFF)
					+ path.substring(index + 1);
		}), Arbitraries.just((path) -> path + "/"));
	}

	static Arbitrary<List<String[]>> headers() {
		Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just("application/json")),
				Tuple.of(1, Arbitraries.of("application/json;charset=UTF-8", "application/json; charset=utf-16",
						"application/json;charset=\"", "application/problem+json", "text/plain", "application/xml",
						"multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "", "json",
						"application/json, text/plain", "application/json;charset=nope", "\u00e9/\u00e9")),
				Tuple.of(1, Arbitraries.just((String) null)));
		Arbitrary<List<String[]>> extras = Arbitraries.of(new String[] { "Accept", "application/xml" },
				new String[] { "Accept", "text/html" }, new String[] { "Accept", "application/json;q=0" },
				new String[] { "Accept", "*/*" }, new String[] { "Accept", "\u0001\u0002" },
				new String[] { "Accept-Charset", "utf-7" }, new String[] { "Content-Encoding", "gzip" },
				new String[] { "Content-Encoding", "br, deflate" }, new String[] { "Content-Language", "ko" },
				new String[] { "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
				new String[] { "traceparent", "00-00000000000000000000000000000000-0000000000000000-01" },
				new String[] { "traceparent", "zz-" + "f".repeat(200) }, new String[] { "traceparent", "" },
				new String[] { "tracestate", "a=b,".repeat(100) },
				new String[] { "X-Forwarded-For", "10.0.0.1, 127.0.0.1" }, new String[] { "Forwarded", "for=1.2.3.4" },
				new String[] { "X-Huge", "h".repeat(6_000) }, new String[] { "Cookie", "a=b; c=\u00e9" },
				new String[] { "If-None-Match", "*" }, new String[] { "Range", "bytes=0-1" },
				new String[] { "Origin", "https://evil.example" }, new String[] { "Idempotency-Key", "\u0000" },
				new String[] { "Content-Type", "text/plain" }, new String[] { "Authorization", "Basic Zm9vOmJhcg==" })
			.list()
			.ofMaxSize(3);
		return Combinators.combine(contentType, extras).as((type, rest) -> {
			List<String[]> headers = new ArrayList<>();
			if (type != null) {
				headers.add(new String[] { "Content-Type", type });
			}
			headers.addAll(rest);
			return headers;
		});
	}

	static Arbitrary<byte[]> bodies() {
		Arbitrary<String> json = Combinators
			.combine(Arbitraries.of(CREATE_FIELDS, CONFIRM_FIELDS, MERCHANT_FIELDS), fieldChanges())
			.as((fields, changes) -> {
				List<String[]> members = new ArrayList<>();
				for (String[] field : fields) {
					members.add(field.clone());
				}
				for (FieldChange change : changes) {
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
			});
		Arbitrary<byte[]> jsonWithPhone = Combinators.combine(json, Arbitraries.integers().between(0, 99_999_999))
			.as((text, number) -> text
				.replace(PHONE, String.format("010-7%03d-%04d", number / 10_000 % 1000, number % 10_000))
				.getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> raw = Arbitraries
			.of("", "null", "[]", "{}", "\"text\"", "{", "}", "{\"type\":", "[{]}", "{\"type\":\"A\",}", "{'type':'A'}",
					"{\"type\":\"A\"}{\"type\":\"B\"}", "\u00ef\u00bb\u00bf{}", "1e99999999", "-", "true",
					"[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
					"x".repeat(300_000), "{\"phone\":\"" + "0".repeat(200_000) + "\"}")
			.map((text) -> text.getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> invalidUtf8 = Arbitraries.of(
				new byte[] { '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, '"', '}' },
				new byte[] { '{', '"', (byte) 0xFF, (byte) 0xFE, '"', ':', '1', '}' },
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { 0, 0, 0, 0 },
				new byte[] { '{', '"', 'p', 'h', 'o', 'n', 'e', '"', ':', '"', (byte) 0xF0, (byte) 0x28, (byte) 0x8C,
						(byte) 0x28, '"', '}' });
		Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
		return Arbitraries.frequencyOf(Tuple.of(12, jsonWithPhone), Tuple.of(3, raw), Tuple.of(1, invalidUtf8),
				Tuple.of(1, bytes));
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

	private static Arbitrary<List<FieldChange>> fieldChanges() {
		Arbitrary<Integer> at = Arbitraries.integers().between(0, 1_000);
		Arbitrary<String> name = Arbitraries.of("type", "phone", "codeLength", "expiresInSeconds", "callbackUrl",
				"code", "merchantId", "name", "extra", "", "__proto__", "TYPE", "phone\u0000", "\u00e9");
		Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("\"A\"", "\"B\"", "\"C\"", "\"D\"", "\"a\"", "\"\"",
				"null", "true", "1", "-1", "0", "1.5", "1e400", "-1e400", "99999999999999999999999", "2147483648",
				"-2147483649", "[]", "{}", "[\"A\"]", "{\"x\":1}", "\"010-1234-5678\"", "\"+821012345678\"",
				"\"+1 202 555 0100\"", "\"01012345678\"", "\"010-0000-0000\"", "\"+999999999999999\"", "\"0\"",
				"\"\\u0000\"", "\"\\ud800\"", "\"https://example.com/hook\"", "\"http://127.0.0.1:1/hook\"",
				"\"https://[::1%251]/h\"", "\"https://198.18.0.1/h\"", "\"javascript:alert(1)\"",
				"\"https://user:pass@example.com/\"", "\"file:///etc/passwd\"", "\"123456\"", "\"12345678901234567\"",
				"\"" + "9".repeat(5_000) + "\"", "\"shop-\u00e9\"", "\"" + "s".repeat(300) + "\""),
				Arbitraries.integers().map(String::valueOf),
				Arbitraries.strings()
					.withCharRange(' ', '~')
					.ofMaxLength(20)
					.map((s) -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
		Arbitrary<FieldChange> drop = at.map((position) -> (members) -> {
			if (!members.isEmpty()) {
				members.remove(position % members.size());
			}
		});
		Arbitrary<FieldChange> replace = Combinators.combine(at, value).as((position, text) -> (members) -> {
			if (!members.isEmpty()) {
				members.get(position % members.size())[1] = text;
			}
		});
		Arbitrary<FieldChange> add = Combinators.combine(name, value)
			.as((field, text) -> (members) -> members.add(new String[] { field, text }));
		Arbitrary<FieldChange> duplicate = at.map((position) -> (members) -> {
			if (!members.isEmpty()) {
				members.add(members.get(position % members.size()).clone());
			}
		});
		return Arbitraries
			.frequencyOf(Tuple.of(3, drop), Tuple.of(6, replace), Tuple.of(3, add), Tuple.of(1, duplicate))
			.list()
			.ofMaxSize(4);
	}

	private static String abbreviate(String text) {
		return (text.length() > 160) ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
	}

}
