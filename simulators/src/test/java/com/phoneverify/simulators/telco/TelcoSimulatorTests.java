package com.phoneverify.simulators.telco;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TelcoSimulatorTests {

	private static final TelcoSimulator telco = TelcoSimulator.start("127.0.0.1", 0);

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterAll
	static void stop() {
		telco.close();
	}

	@Test
	void answersMatchCloseMatchWithTheMaskedNameAndNoMatchOverHttp() throws Exception {
		assertThat(send("PUT", "/v1/subscribers/010-7000-1111", "{\"name\":\"홍길동\"}").statusCode()).isEqualTo(204);

		assertThat(check("+821070001111", "홍길동")).contains("\"result\":\"MATCH\"")
			.contains("\"holderNameMasked\":null");
		assertThat(check("+821070001111", "홍 길 동")).contains("\"result\":\"MATCH\"");
		assertThat(check("+821070001111", "홍길돈")).contains("\"result\":\"CLOSE_MATCH\"")
			.contains("\"holderNameMasked\":\"홍*동\"");
		assertThat(check("+821070001111", "김철수")).contains("\"result\":\"NO_MATCH\"").doesNotContain("홍");
		assertThat(check("+821070002222", "홍길동")).contains("\"result\":\"NO_MATCH\"");
	}

	@Test
	void badRequestsAndOutagesAreProblems() throws Exception {
		HttpResponse<String> bad = send("POST", "/v1/name-checks", "{\"phone\":");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		telco.failNext(1);
		assertThat(send("POST", "/v1/name-checks", "{\"phone\":\"+821070001111\",\"name\":\"x\"}").statusCode())
			.isEqualTo(503);
		assertThat(send("POST", "/v1/name-checks", "{\"phone\":\"+821070001111\",\"name\":\"x\"}").statusCode())
			.isEqualTo(200);
	}

	private String check(String phone, String name) throws Exception {
		HttpResponse<String> response = send("POST", "/v1/name-checks",
				"{\"phone\":\"" + phone + "\",\"name\":\"" + name + "\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(telco.baseUrl() + path))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
