package com.phoneverify.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.otp.provisioning.ErrorCorrectionLevel;
import com.phoneverify.otp.provisioning.QrCode;
import com.phoneverify.otp.provisioning.QrPng;
import com.phoneverify.simulators.phone.call.SimulatedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * otp-service/README.md's walk-through through the whole stack: a signed merchant request
 * to the gateway's {@code /v1/otp/**}, forwarded to otp-service, with {@code oathtool}
 * playing the demo hardware device: register it, verify a code, lock it with ten wrong
 * codes, reset it, verify again.
 */
class OtpWalkthroughIT {

	private static final String SEED_HEX = "3132333435363738393031323334353637383930";

	private static Suite suite;

	private static MerchantClient merchant;

	private static LogTap logs;

	@BeforeAll
	static void startSuite() throws Exception {
		logs = new LogTap();
		suite = Suite.start(EmbeddedInfra.shared(), Suite.Ports.ephemeral(), Map.of());
		DevStack.Merchant created = DevStack.createMerchant(suite, "otp-walkthrough", "OtpWalkthroughIT");
		merchant = new MerchantClient(suite.gatewayUrl(), created.keyId(), created.secret());
	}

	@AfterAll
	static void stopSuite() throws Exception {
		suite.close();
		logs.close();
	}

	@Test
	void registerVerifyLockAndResetAHardwareOtpThroughTheGateway() throws Exception {
		String device = """
				"realNameId":"9001011234567","customerKind":"DOMESTIC_INDIVIDUAL","vendorCode":"01","serial":"DEMO000001",
				""";
		MerchantClient.Response registered = merchant.post("/v1/otp/hardware-tokens",
				"{" + device + "\"responseCode\":\"" + hotp(0) + "\",\"actor\":\"teller-1\",\"channel\":\"BRANCH\"}");
		assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);

		MerchantClient.Response verified = merchant.post("/v1/otp/verifications", verify(hotp(1)));
		assertThat(verified.body().path("result").asString()).isEqualTo("verified");
		assertThat(merchant.post("/v1/otp/verifications", verify(hotp(1))).body().path("result").asString())
			.as("the same code twice")
			.isEqualTo("rejected");

		for (int i = 0; i < 9; i++) {
			merchant.post("/v1/otp/verifications", verify("000000"));
		}
		MerchantClient.Response locked = merchant.post("/v1/otp/verifications", verify(hotp(2)));
		assertThat(locked.status()).isEqualTo(423);
		assertThat(locked.body().path("type").asString()).endsWith("/otp/token-locked");

		MerchantClient.Response errors = merchant.get("/v1/otp/devices/01/DEMO000001/errors");
		assertThat(errors.body().path("sharedFailures").asInt()).isEqualTo(10);
		MerchantClient.Response reset = merchant.post("/v1/otp/hardware-tokens/reset-errors",
				"{" + device + "\"actor\":\"customer\",\"channel\":\"ONLINE\"}");
		assertThat(reset.status()).isEqualTo(200);
		assertThat(merchant.post("/v1/otp/verifications", verify(hotp(2))).body().path("result").asString())
			.isEqualTo("verified");

		// nothing of the customer or the device's secret in the logs of the whole run
		String logged = logs.text();
		for (String secret : new String[] { "9001011234567", SEED_HEX, hotp(0), hotp(1), hotp(2) }) {
			assertThat(logged).doesNotContainPattern("\\b" + secret + "\\b");
		}

		MerchantClient.Response unsigned = new MerchantClient(suite.gatewayUrl(), "nobody", "bm9ib2R5")
			.post("/v1/otp/verifications", verify(hotp(3)));
		assertThat(unsigned.status()).isEqualTo(401);
	}

	/**
	 * Issue 15 item 4: the phone identity check of an online mobile OTP issuance is the
	 * suite's own ARS verification of the customer's phone, approved through the gateway
	 * (the phone simulator answers the call and types the code); a bare
	 * {@code phoneVerified} flag from the merchant no longer counts.
	 */
	@Test
	void aMobileOtpIsIssuedOnlineOnlyOnceAnArsVerificationProvedThePhone() throws Exception {
		MerchantClient.Response flagOnly = merchant.post("/v1/otp/mobile-tokens", mobileIssuance(null, null));
		assertThat(flagOnly.status()).as(String.valueOf(flagOnly.body())).isEqualTo(403);
		assertThat(flagOnly.body().path("type").asString()).endsWith("/otp/identity-not-verified");

		MerchantClient.Response created = merchant.post("/v1/ars-verifications",
				"{\"type\":\"C\",\"phone\":\"010-3100-0001\"}");
		assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
		String id = created.body().path("id").asString();
		SimulatedCall call = suite.phones().awaitCall("+821031000001", Duration.ofSeconds(60)).toFuture().get();
		await().atMost(Duration.ofSeconds(60)).until(() -> call.answeredAt().isPresent());
		call.pressKeys(created.body().path("code").asString()).toFuture().get();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> merchant.get("/v1/ars-verifications/" + id).body().path("status").asString(),
					(status) -> !status.equals("pending"));
		assertThat(merchant.get("/v1/ars-verifications/" + id).body().path("status").asString()).isEqualTo("approved");

		MerchantClient.Response otherPhone = merchant.post("/v1/otp/mobile-tokens",
				mobileIssuance(id, "010-3100-0002"));
		assertThat(otherPhone.status()).as(String.valueOf(otherPhone.body())).isEqualTo(422);
		assertThat(otherPhone.body().path("type").asString()).endsWith("/phone-not-verified");

		MerchantClient.Response issued = merchant.post("/v1/otp/mobile-tokens", mobileIssuance(id, "010-3100-0001"));
		assertThat(issued.status()).as(String.valueOf(issued.body())).isEqualTo(201);
		String otpauthUri = issued.body().path("otpauthUri").asString();
		assertThat(otpauthUri).startsWith("otpauth://totp/");
		// the QR code reaches the merchant through the gateway unchanged: the encoder is
		// deterministic, so the same URI gives the same PNG
		String qrCode = issued.body().path("qrCode").asString();
		assertThat(qrCode).isEqualTo(QrPng.dataUri(QrCode.encode(otpauthUri, ErrorCorrectionLevel.M)));
		String secret = otpauthUri.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
		assertThat(logs.text()).doesNotContain(secret)
			.doesNotContain(qrCode.substring(qrCode.length() / 2, qrCode.length() / 2 + 64));
	}

	private static String mobileIssuance(String phoneVerificationId, String phone) {
		String proof = (phoneVerificationId != null)
				? ",\"phoneVerificationId\":\"%s\",\"phone\":\"%s\"".formatted(phoneVerificationId, phone) : "";
		return """
				{"realNameId":"9202021234567","customerKind":"DOMESTIC_INDIVIDUAL","deviceId":"galaxy-s24-0001",
				 "pin":"246810","actor":"customer","channel":"ONLINE",
				 "evidence":{"accountAuthenticated":true,"phoneVerified":true,"secondFactor":"ONE_WON_TRANSFER"%s}}"""
			.formatted(proof);
	}

	private static String verify(String code) {
		return """
				{"realNameId":"9001011234567","tokenKind":"HARDWARE","code":"%s","actor":"customer","channel":"ONLINE"}"""
			.formatted(code);
	}

	/** The demo device's code at {@code counter}, as oathtool computes it. */
	private static String hotp(int counter) throws Exception {
		Process process = new ProcessBuilder("oathtool", "--hotp", "--counter=" + counter, SEED_HEX)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(output).matches("[0-9]{6}");
		return output;
	}

}
