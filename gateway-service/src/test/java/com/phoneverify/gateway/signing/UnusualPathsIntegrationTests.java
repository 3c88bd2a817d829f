package com.phoneverify.gateway.signing;

import java.util.Map;

import com.phoneverify.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matrix variables and percent-encoded characters in the path: WebFlux routes
 * {@code /v1;x=1/ars-verifications} and {@code /%761/ars-verifications} to the
 * {@code /v1/ars-verifications} route, so authentication must decide on the same path or
 * refuse them; they never reach a handler without a signed caller (which was a 500 with a
 * stack trace).
 */
@ExtendWith(OutputCaptureExtension.class)
class UnusualPathsIntegrationTests extends GatewayIntegrationTest {

	private static final String BODY = "{\"type\":\"C\",\"phone\":\"010-1234-5678\"}";

	@ParameterizedTest(name = "unsigned POST {0}")
	@ValueSource(strings = { "/v1;x=1/ars-verifications", "/v1;/ars-verifications", "/%761/ars-verifications",
			"/%76%31/ars-verifications", "/v%31/ars-verifications", "/v1/ars-verifications;x=1",
			"/v1/%61rs-verifications", "//v1/ars-verifications", "/v1;jsessionid=1/ars-verifications;a=b",
			"/V1/ars-verifications" })
	void anUnsignedRequestOnAnEquivalentPathIsRefusedWithoutAnError(String path, CapturedOutput output) {
		Response response = send("POST", path, BODY, Map.of("Content-Type", "application/json"));
		assertRefused(response, path, output);
	}

	@ParameterizedTest(name = "unsigned GET {0}")
	@ValueSource(strings = { "/v1;x=1/ars-verifications/5f0e1d2c-3b4a-4958-8776-655443322110",
			"/%761/ars-verifications/5f0e1d2c-3b4a-4958-8776-655443322110",
			"/v1/ars-verifications/5f0e1d2c-3b4a-4958-8776-655443322110;x=1" })
	void anUnsignedReadOnAnEquivalentPathIsRefusedWithoutAnError(String path, CapturedOutput output) {
		assertRefused(send("GET", path, null, Map.of()), path, output);
	}

	/** Signed over the unusual raw path: still refused, nothing stored. */
	@Test
	void aRequestSignedOverAnUnusualPathIsRefusedAndStoresNothing(CapturedOutput output) {
		Merchant merchant = createMerchant();
		for (String path : new String[] { "/v1;x=1/ars-verifications", "/%761/ars-verifications" }) {
			Response response = signed(merchant, "POST", path, BODY);
			assertRefused(response, path, output);
		}
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE merchant_id = $1", merchant.merchantId()))
			.isZero();
	}

	private static void assertRefused(Response response, String path, CapturedOutput output) {
		assertThat(response.status()).as("%s: %s", path, response.text()).isIn(401, 404);
		assertThat(response.contentType()).as(path).startsWith("application/problem+json");
		assertThat(output.getAll()).as("no error logged for %s", path)
			.doesNotContain("failed (trace")
			.doesNotContain("\tat com.phoneverify");
	}

}
