package com.phoneverify.gateway.otp;

import java.util.Map;

import com.phoneverify.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's side of {@code /v1/otp/**} with otp-service unreachable (port 1, set for
 * every test in {@link GatewayIntegrationTest}, so that no second context starts):
 * signing and nonces apply as on every {@code /v1} route, unknown operations are 404, and
 * no answer is 503 {@code otp-unavailable}. The forwarding itself, to a real otp-service,
 * is devstack's {@code OtpWalkthroughIT}.
 */
class OtpRoutesIntegrationTests extends GatewayIntegrationTest {

	private static final String VERIFY = """
			{"realNameId":"9001011234567","code":"123456","actor":"customer","channel":"ONLINE"}""";

	@Test
	void anUnsignedOtpRequestIsRefusedBeforeAnythingIsForwarded() {
		Response response = send("POST", "/v1/otp/verifications", VERIFY, Map.of("Content-Type", "application/json"));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body().path("type").asString()).endsWith("/signature-missing");
	}

	@Test
	void anUnknownOtpOperationIsNotFound() {
		Response response = signed(createMerchant(), "POST", "/v1/otp/tokens/delete-everything", VERIFY);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void otpServiceNotAnsweringIs503AndTheSpentNonceCannotBeReplayed() {
		Merchant merchant = createMerchant();
		Map<String, String> headers = signedHeaders(merchant, "POST", "/v1/otp/verifications", VERIFY);
		Response first = send("POST", "/v1/otp/verifications", VERIFY, headers);
		assertThat(first.status()).isEqualTo(503);
		assertThat(first.body().path("type").asString()).isEqualTo("https://phoneverify.dev/problems/otp-unavailable");
		Response replay = send("POST", "/v1/otp/verifications", VERIFY, headers);
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.body().path("type").asString()).endsWith("/signature-replayed");
	}

	@Test
	void aDeviceViewIsSignedToo() {
		Response unsigned = send("GET", "/v1/otp/devices/01/DEMO000001/errors", null, Map.of());
		assertThat(unsigned.status()).isEqualTo(401);
		Response unavailable = signed(createMerchant(), "GET", "/v1/otp/devices/01/DEMO000001/errors", null);
		assertThat(unavailable.status()).isEqualTo(503);
	}

}
