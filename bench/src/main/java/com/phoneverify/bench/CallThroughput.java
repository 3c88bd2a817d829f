package com.phoneverify.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.contracts.http.RequestSignature;

/**
 * Creates {@code calls} Type A verifications at once and waits until every call has ended
 * (the verification shows a call outcome): completed calls per second under the service's
 * channel limit, with the phone simulator answering.
 */
final class CallThroughput {

	record Result(int calls, int answered, double seconds) {

		double perSecond() {
			return this.calls / this.seconds;
		}

	}

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private final HttpClient http = HttpClient.newHttpClient();

	private final Credentials credentials;

	CallThroughput(Credentials credentials) {
		this.credentials = credentials;
	}

	Result run(int calls, Duration timeout) throws Exception {
		long started = System.nanoTime();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			String body = String.format("{\"type\":\"A\",\"phone\":\"010-7%03d-%04d\"}", i / 1000, 1000 + i % 1000);
			String response = send("POST", "/v1/ars-verifications", body);
			Matcher id = ID.matcher(response);
			if (!id.find()) {
				throw new IllegalStateException("not created: " + response);
			}
			ids.add(id.group(1));
		}
		Set<String> ended = new HashSet<>();
		int answered = 0;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (ended.size() < ids.size() && System.nanoTime() < deadline) {
			for (String id : ids) {
				if (!ended.contains(id)) {
					String view = send("GET", "/v1/ars-verifications/" + id, "");
					if (view.contains("code_delivered") || view.contains("\"failed\"")) {
						ended.add(id);
						answered += view.contains("code_delivered") ? 1 : 0;
					}
				}
			}
			Thread.sleep(200);
		}
		return new Result(ended.size(), answered, (System.nanoTime() - started) / 1e9);
	}

	private String send(String method, String path, String body) throws Exception {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		RequestSignature signature = RequestSignature.sign(this.credentials.keyId(), this.credentials.secret(), method,
				path, Instant.now().getEpochSecond(), UUID.randomUUID().toString().replace("-", ""), bytes);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.credentials.url() + path))
			.header("Authorization", signature.toHeaderValue());
		if (bytes.length > 0) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

}
