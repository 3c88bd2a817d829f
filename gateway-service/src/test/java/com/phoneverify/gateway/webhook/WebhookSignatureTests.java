package com.phoneverify.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	private static final byte[] BODY = "{\"id\":\"x\",\"status\":\"approved\"}".getBytes(StandardCharsets.UTF_8);

	@Test
	void headerIsTimestampAndHexHmacOfTimestampDotBody() throws Exception {
		String header = WebhookSignature.header("whsec_test", 1764064800L, BODY);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("whsec_test".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = HexFormat.of()
			.formatHex(mac.doFinal(("1764064800." + new String(BODY, StandardCharsets.UTF_8)).getBytes()));
		assertThat(header).isEqualTo("t=1764064800,v1=" + expected);
	}

	@Test
	void receiverAcceptsTheSignedBody() {
		String header = WebhookSignature.header("whsec_test", 1000, BODY);
		assertThat(WebhookSignature.verify(header, "whsec_test", BODY, 1100, 300)).isTrue();
	}

	@Test
	void receiverRefusesTamperedBodyWrongSecretOrOldTimestamp() {
		String header = WebhookSignature.header("whsec_test", 1000, BODY);
		byte[] tampered = "{\"id\":\"x\",\"status\":\"denied\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(WebhookSignature.verify(header, "whsec_test", tampered, 1000, 300)).isFalse();
		assertThat(WebhookSignature.verify(header, "whsec_other", BODY, 1000, 300)).isFalse();
		assertThat(WebhookSignature.verify(header, "whsec_test", BODY, 1301, 300)).isFalse();
		assertThat(WebhookSignature.verify(null, "whsec_test", BODY, 1000, 300)).isFalse();
	}

}
