package com.phoneverify.gateway.web;

import java.util.Map;

import com.phoneverify.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A header that should hold a media type and holds something else is the client's error
 * (found by GatewayHttpFuzzTests: it was a 500 with a stack trace in the log).
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedHeadersIntegrationTests extends GatewayIntegrationTest {

	@ParameterizedTest(name = "Content-Type: {0}")
	@ValueSource(strings = { "application/json;charset=\"", "json", "application/json;=", "/" })
	void aContentTypeThatIsNotAMediaTypeIsABadRequestAndLogsNoError(String contentType, CapturedOutput output) {
		Merchant merchant = createMerchant();
		String body = "{\"type\":\"A\",\"phone\":\"010-7999-0002\"}";
		Map<String, String> headers = new java.util.HashMap<>(
				signedHeaders(merchant, "POST", "/v1/ars-verifications", body));
		headers.put("Content-Type", contentType);

		Response response = send("POST", "/v1/ars-verifications", body, headers);

		assertThat(response.status()).as(response.text()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().path("type").asString()).endsWith("/invalid-media-type");
		assertThat(output.getAll()).doesNotContain("failed (trace").doesNotContain("\tat com.phoneverify");
	}

}
