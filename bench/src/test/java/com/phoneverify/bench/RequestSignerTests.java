package com.phoneverify.bench;

import java.nio.charset.StandardCharsets;

import com.phoneverify.contracts.http.RequestSignature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSignerTests {

	@Test
	void signsExactlyAsTheContract() {
		byte[] body = "{\"type\":\"A\",\"phone\":\"010-1234-5678\"}".getBytes(StandardCharsets.UTF_8);
		RequestSigner signer = new RequestSigner("pk_test", "c2VjcmV0");
		for (int i = 0; i < 3; i++) {
			String nonce = RequestSigner.nonce();
			assertThat(nonce).matches("[0-9a-f]{32}");
			assertThat(signer.authorization("POST", "/v1/ars-verifications", 1764064800L, nonce, body))
				.isEqualTo(RequestSignature
					.sign("pk_test", "c2VjcmV0", "POST", "/v1/ars-verifications", 1764064800L, nonce, body)
					.toHeaderValue());
		}
	}

}
