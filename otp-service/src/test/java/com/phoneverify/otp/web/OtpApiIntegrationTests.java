package com.phoneverify.otp.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.otp.OtpTestSupport;
import com.phoneverify.otp.OtpTestSupport.Device;
import com.phoneverify.otp.provisioning.ExternalTools;
import com.phoneverify.otp.registry.simulator.SimulatedInstitutionRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal HTTP API as the gateway calls it: JSON in, JSON or RFC 9457 problems out,
 * each bad input with its own problem type.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otp.secrets.keys.s1=" + OtpTestSupport.SECRETS_KEY, "otp.secrets.current-key-id=s1",
				"otp.secrets.lookup-key=" + OtpTestSupport.LOOKUP_KEY,
				"otp.sealing.keys.e1=" + OtpTestSupport.EVENTS_KEY, "otp.sealing.current-key-id=e1",
				"otp.pin-iterations=1000" })
@ContextConfiguration(initializers = EmbeddedInfraInitializer.class)
@Import(OtpTestSupport.Clocks.class)
// closed after the class: a cached context would keep consuming
// otp-verification-requested
// with its own clock and registry simulator while another class runs
@DirtiesContext
class OtpApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	int port;

	@Autowired
	SimulatedInstitutionRegistry registry;

	record Answer(int status, String contentType, JsonNode body) {

		String problemType() {
			return this.body.path("type").asString();
		}

	}

	private Answer post(String merchant, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (merchant != null) {
			request.header("X-Merchant-Id", merchant);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
	}

	private Answer get(String merchant, String path) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("X-Merchant-Id", merchant)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				JSON.readTree(response.body()));
	}

	private static String hardware(String realNameId, Device device, String channel, String responseCode) {
		return """
				{"realNameId":"%s","customerKind":"DOMESTIC_INDIVIDUAL","vendorCode":"%s","serial":"%s",%s
				"actor":"teller-3","channel":"%s"}""".formatted(realNameId, device.id().vendorCode(),
				device.id().serial(), (responseCode != null) ? "\"responseCode\":\"" + responseCode + "\"," : "",
				channel);
	}

	private static String verify(String realNameId, String code) {
		return """
				{"realNameId":"%s","tokenKind":"HARDWARE","code":"%s","actor":"customer","channel":"ONLINE"}"""
			.formatted(realNameId, code);
	}

	@Test
	void registerVerifyLockResetThroughTheApi() throws Exception {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String id = OtpTestSupport.newRealNameId();
		Answer registered = post("m-1", "/internal/otp/hardware-tokens",
				hardware(id, device, "BRANCH", device.code(0)));
		assertThat(registered.status()).isEqualTo(201);
		assertThat(registered.body().path("device").asString()).isEqualTo(device.id().toString());
		assertThat(registered.body().toString()).doesNotContain(device.seedHex());

		assertThat(
				post("m-1", "/internal/otp/verifications", verify(id, device.code(1))).body().path("result").asString())
			.isEqualTo("verified");
		for (int i = 1; i <= 10; i++) {
			Answer rejected = post("m-1", "/internal/otp/verifications", verify(id, device.wrongCode()));
			assertThat(rejected.status()).isEqualTo(200);
			assertThat(rejected.body().path("remainingAttempts").asInt()).isEqualTo(10 - i);
		}
		Answer locked = post("m-1", "/internal/otp/verifications", verify(id, device.code(2)));
		assertThat(locked.status()).isEqualTo(423);
		assertThat(locked.contentType()).startsWith("application/problem+json");
		assertThat(locked.problemType()).isEqualTo("https://phoneverify.dev/problems/otp/token-locked");

		Answer errors = get("m-1",
				"/internal/otp/devices/" + device.id().vendorCode() + "/" + device.id().serial() + "/errors");
		assertThat(errors.body().path("sharedFailures").asInt()).isEqualTo(10);
		Answer reset = post("m-1", "/internal/otp/hardware-tokens/reset-errors", hardware(id, device, "ONLINE", null));
		assertThat(reset.status()).isEqualTo(200);
		assertThat(reset.body().path("sharedFailures").asInt()).isZero();
		assertThat(
				post("m-1", "/internal/otp/verifications", verify(id, device.code(2))).body().path("result").asString())
			.isEqualTo("verified");

		Answer history = get("m-1",
				"/internal/otp/devices/" + device.id().vendorCode() + "/" + device.id().serial() + "/history");
		// registered, verified, 10 rejected, refused as locked, reset, verified
		assertThat(history.body()).hasSize(15);
		assertThat(history.body().toString()).doesNotContain(device.code(1));
	}

	@Test
	void everyBadInputHasItsOwnProblemType() throws Exception {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String id = OtpTestSupport.newRealNameId();
		post("m-2", "/internal/otp/hardware-tokens", hardware(id, device, "BRANCH", null));

		assertProblem(post("m-2", "/internal/otp/verifications", verify(id, "12345")), 400, "wrong-length");
		assertProblem(post("m-2", "/internal/otp/verifications", verify(id, "12a456")), 400, "not-digits");
		Device unknownVendor = new Device(new com.phoneverify.otp.registry.DeviceId("77", "SN12345678"), new byte[20]);
		assertProblem(
				post("m-2", "/internal/otp/hardware-tokens",
						hardware(OtpTestSupport.newRealNameId(), unknownVendor, "BRANCH", null)),
				422, "unknown-vendor");
		assertProblem(post("m-2", "/internal/otp/hardware-tokens", hardware(id, device, "BRANCH", null)), 409,
				"duplicate-registration");
		assertProblem(post("m-2", "/internal/otp/hardware-tokens",
				hardware(OtpTestSupport.newRealNameId(), OtpTestSupport.issueHotpDevice(this.registry), "PHONE", null)),
				403, "channel-not-allowed");
		assertProblem(post("m-2", "/internal/otp/hardware-tokens/report-lost", hardware(id, device, "PHONE", null)),
				200, null);
		assertProblem(post("m-2", "/internal/otp/verifications", verify(id, device.code(1))), 423, "token-lost");
		Answer missing = post("m-2", "/internal/otp/verifications", "{\"code\":\"123456\"}");
		assertProblem(missing, 400, "invalid-request");
		assertThat(missing.body().path("detail").asString()).contains("realNameId", "actor", "channel");
		assertProblem(post(null, "/internal/otp/verifications", verify(id, "123456")), 400, "invalid-request");
		assertProblem(post("m-2", "/internal/otp/verifications", "{not json"), 400, "invalid-request");
	}

	@Test
	void customersAreScopedByMerchantAndMobileOtpRulesSurfaceAsProblems() throws Exception {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String id = OtpTestSupport.newRealNameId();
		post("m-3", "/internal/otp/hardware-tokens", hardware(id, device, "BRANCH", device.code(0)));
		assertProblem(post("m-other", "/internal/otp/verifications", verify(id, device.code(1))), 404, "no-token");

		String issue = """
				{"realNameId":"%s","customerKind":"%s","deviceId":"%s","pin":"135790","replaceExisting":%s,
				"evidence":{"accountAuthenticated":true,"phoneVerified":true,"secondFactor":"ONE_WON_TRANSFER"},
				"actor":"customer","channel":"ONLINE"}""";
		assertProblem(
				post("m-3", "/internal/otp/mobile-tokens",
						issue.formatted(OtpTestSupport.newRealNameId(), "CORPORATION", "phone-0000001", false)),
				403, "not-eligible");
		Answer issued = post("m-3", "/internal/otp/mobile-tokens",
				issue.formatted(id, "DOMESTIC_INDIVIDUAL", "phone-0000001", false));
		assertThat(issued.status()).isEqualTo(201);
		String otpauthUri = issued.body().path("otpauthUri").asString();
		assertThat(otpauthUri).startsWith("otpauth://totp/");
		// the QR code an authenticator app scans: a PNG that an independent reader
		// decodes
		// to exactly the otpauth URI
		String qrCode = issued.body().path("qrCode").asString();
		assertThat(qrCode).startsWith("data:image/png;base64,");
		byte[] png = Base64.getDecoder().decode(qrCode.substring(qrCode.indexOf(',') + 1));
		assertThat(new String(ExternalTools.zbarimg(png), StandardCharsets.UTF_8)).isEqualTo(otpauthUri);
		assertProblem(post("m-3", "/internal/otp/mobile-tokens",
				issue.formatted(id, "DOMESTIC_INDIVIDUAL", "phone-0000002", false)), 409, "second-device");
		Answer tokens = post("m-3", "/internal/otp/inquiries/customer-tokens", "{\"realNameId\":\"" + id + "\"}");
		assertThat(tokens.body().path("tokens")).hasSize(2);
	}

	private Answer device(String merchant, Device device, String view) throws Exception {
		return get(merchant,
				"/internal/otp/devices/" + device.id().vendorCode() + "/" + device.id().serial() + "/" + view);
	}

	private static final List<String> DEVICE_VIEWS = List.of("institutions", "history", "errors");

	@Test
	void aDeviceInquiryOfAnotherMerchantsDeviceIsAnsweredAsAnUnknownDevice() throws Exception {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		Device neverRegistered = OtpTestSupport.issueHotpDevice(this.registry);
		String id = OtpTestSupport.newRealNameId();
		assertThat(post("m-scope-a", "/internal/otp/hardware-tokens", hardware(id, device, "BRANCH", null)).status())
			.isEqualTo(201);
		post("m-scope-a", "/internal/otp/verifications", verify(id, device.wrongCode()));
		// B's own customer tries to register the same device: refused, and that gives B
		// no access
		assertProblem(
				post("m-scope-b", "/internal/otp/hardware-tokens",
						hardware(OtpTestSupport.newRealNameId(), device, "BRANCH", null)),
				409, "duplicate-registration");

		for (String view : DEVICE_VIEWS) {
			Answer owner = device("m-scope-a", device, view);
			assertThat(owner.status()).as(view + ": " + owner.body()).isEqualTo(200);
			Answer other = device("m-scope-b", device, view);
			assertProblem(other, 404, "device-not-found");
			Answer unknown = device("m-scope-b", neverRegistered, view);
			assertProblem(unknown, 404, "device-not-found");
			// no oracle: the same answer, but for the device named in the path
			assertThat(withoutInstance(other))
				.isEqualTo(withoutInstance(unknown).replace(neverRegistered.id().toString(), device.id().toString()));
		}
		assertThat(device("m-scope-a", device, "institutions").body()).extracting(JsonNode::asString)
			.containsExactly("PVSEC");
		assertThat(device("m-scope-a", device, "history").body())
			.extracting((line) -> line.path("operation").asString())
			.containsExactly("REGISTER_HARDWARE", "VERIFY");
		Answer errors = device("m-scope-a", device, "errors");
		assertThat(errors.body().path("sharedFailures").asInt()).isEqualTo(1);
		assertThat(errors.body().path("customerFailures").asInt()).isEqualTo(1);
	}

	@Test
	void twoMerchantsThatRegisteredTheSameDeviceSeeOnlyTheirOwnHistory() throws Exception {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String first = OtpTestSupport.newRealNameId();
		String second = OtpTestSupport.newRealNameId();
		// A's customer registers, uses and cancels it; then B's customer registers the
		// same device
		post("m-scope-c", "/internal/otp/hardware-tokens", hardware(first, device, "BRANCH", null));
		post("m-scope-c", "/internal/otp/verifications", verify(first, device.code(0)));
		assertThat(post("m-scope-c", "/internal/otp/hardware-tokens/cancel", hardware(first, device, "BRANCH", null))
			.status()).isEqualTo(200);
		assertThat(
				post("m-scope-d", "/internal/otp/hardware-tokens", hardware(second, device, "BRANCH", null)).status())
			.isEqualTo(201);
		post("m-scope-d", "/internal/otp/verifications", verify(second, device.wrongCode()));
		post("m-scope-d", "/internal/otp/verifications", verify(second, device.wrongCode()));

		Answer historyOfA = device("m-scope-c", device, "history");
		assertThat(historyOfA.status()).isEqualTo(200);
		assertThat(historyOfA.body())
			.extracting((line) -> line.path("operation").asString() + ":" + line.path("outcome").asString() + ":"
					+ line.path("actor").asString())
			.containsExactly("REGISTER_HARDWARE:DONE:teller-3", "VERIFY:VERIFIED:customer",
					"CANCEL_HARDWARE:DONE:teller-3");
		Answer historyOfB = device("m-scope-d", device, "history");
		assertThat(historyOfB.body())
			.extracting((line) -> line.path("operation").asString() + ":" + line.path("outcome").asString())
			.containsExactly("REGISTER_HARDWARE:DONE", "VERIFY:REJECTED", "VERIFY:REJECTED");

		// the shared counter is the device's; the customer's count only to the merchant
		// whose
		// customer holds the device now
		Answer errorsOfA = device("m-scope-c", device, "errors");
		Answer errorsOfB = device("m-scope-d", device, "errors");
		assertThat(errorsOfA.body().path("sharedFailures").asInt()).isEqualTo(2);
		assertThat(errorsOfB.body().path("sharedFailures").asInt()).isEqualTo(2);
		assertThat(errorsOfA.body().path("customerFailures").asInt()).isZero();
		assertThat(errorsOfB.body().path("customerFailures").asInt()).isEqualTo(2);
		assertThat(device("m-scope-c", device, "institutions").status()).isEqualTo(200);
		assertThat(device("m-scope-d", device, "institutions").status()).isEqualTo(200);
		assertProblem(device("m-scope-e", device, "history"), 404, "device-not-found");
	}

	private static String withoutInstance(Answer answer) {
		return ((tools.jackson.databind.node.ObjectNode) answer.body().deepCopy()).without("instance").toString();
	}

	private static void assertProblem(Answer answer, int status, String type) {
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
		if (type != null) {
			assertThat(answer.contentType()).startsWith("application/problem+json");
			assertThat(answer.problemType()).isEqualTo("https://phoneverify.dev/problems/otp/" + type);
			assertThat(answer.body().path("detail").asString()).isNotBlank();
		}
	}

}
