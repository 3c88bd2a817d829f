package com.phoneverify.interop.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.phoneverify.contracts.http.RequestSignature;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A merchant's back end: signs every request as the README says. A request that gets no
 * answer (the gateway is down) is a {@link Response} with status 0, not an exception: the
 * load goes on through a kill.
 */
final class Merchant {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String keyId;

	private final String secret;

	private Merchant(String keyId, String secret) {
		this.keyId = keyId;
		this.secret = secret;
	}

	record Response(int status, JsonNode body) {

		boolean answered() {
			return this.status != 0;
		}

	}

	/** Creates a merchant through a gateway's admin API. */
	static Merchant create(String gatewayUrl, String adminToken, String merchantId) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/admin/v1/merchants"))
			.header("Authorization", "Bearer " + adminToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"merchantId\":\"" + merchantId + "\",\"name\":\"" + merchantId + "\"}"))
			.build();
		Response response = send(request);
		if (response.status() != 201) {
			throw new IllegalStateException("could not create a merchant: " + response);
		}
		return new Merchant(response.body().path("keyId").asString(), response.body().path("secret").asString());
	}

	Response post(String baseUrl, String path, String body) {
		return signed("POST", baseUrl, path, body);
	}

	Response get(String baseUrl, String path) {
		return signed("GET", baseUrl, path, "");
	}

	private Response signed(String method, String baseUrl, String path, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		RequestSignature signature = RequestSignature.sign(this.keyId, this.secret, method, path,
				Instant.now().getEpochSecond(), UUID.randomUUID().toString().replace("-", ""), bytes);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", signature.toHeaderValue())
			.method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(bytes));
		if (bytes.length > 0) {
			request.header("Content-Type", "application/json");
		}
		return send(request.build());
	}

	private static Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode parsed;
			try {
				parsed = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
			}
			catch (RuntimeException notJson) {
				parsed = json.nullNode();
			}
			return new Response(response.statusCode(), parsed);
		}
		catch (IOException noAnswer) {
			return new Response(0, json.nullNode());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Response(0, json.nullNode());
		}
	}

}
