package com.phoneverify.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.phoneverify.contracts.http.RequestSignature;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A merchant's back end as the tests play it: signs every request as the README says. */
final class MerchantClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String baseUrl;

	private final String keyId;

	private final String secret;

	MerchantClient(String baseUrl, String keyId, String secret) {
		this.baseUrl = baseUrl;
		this.keyId = keyId;
		this.secret = secret;
	}

	record Response(int status, JsonNode body) {
	}

	Response post(String path, String body) {
		return send("POST", path, body);
	}

	Response get(String path) {
		return send("GET", path, "");
	}

	Response send(String method, String path, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		RequestSignature signature = RequestSignature.sign(this.keyId, this.secret, method, path,
				Instant.now().getEpochSecond(), UUID.randomUUID().toString().replace("-", ""), bytes);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", signature.toHeaderValue())
			.method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(bytes));
		if (bytes.length > 0) {
			request.header("Content-Type", "application/json");
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode parsed = response.body().isEmpty() ? this.json.nullNode() : this.json.readTree(response.body());
			return new Response(response.statusCode(), parsed);
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
