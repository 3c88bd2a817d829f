package com.phoneverify.contracts;

import java.nio.charset.StandardCharsets;

import com.phoneverify.contracts.http.RequestSignature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSignatureTests {

	private static final byte[] BODY = "{\"type\":\"C\",\"phone\":\"010-1234-5678\"}".getBytes(StandardCharsets.UTF_8);

	private final RequestSignature signature = RequestSignature.sign("pk_test", "s3cret", "POST",
			"/v1/ars-verifications", 1_764_000_000L, "nonce-0123456789ab", BODY);

	@Test
	void acceptsTheRequestItSigned() {
		RequestSignature parsed = RequestSignature.parse(this.signature.toHeaderValue()).orElseThrow();

		assertThat(parsed).isEqualTo(this.signature);
		assertThat(parsed.matches("s3cret", "POST", "/v1/ars-verifications", BODY)).isTrue();
	}

	@Test
	void rejectsATamperedBodyPathMethodOrSecret() {
		byte[] tampered = "{\"type\":\"A\",\"phone\":\"010-1234-5678\"}".getBytes(StandardCharsets.UTF_8);

		assertThat(this.signature.matches("s3cret", "POST", "/v1/ars-verifications", tampered)).isFalse();
		assertThat(this.signature.matches("s3cret", "POST", "/v1/ars-verifications/x", BODY)).isFalse();
		assertThat(this.signature.matches("s3cret", "PUT", "/v1/ars-verifications", BODY)).isFalse();
		assertThat(this.signature.matches("other", "POST", "/v1/ars-verifications", BODY)).isFalse();
	}

	@Test
	void refusesMalformedHeaders() {
		assertThat(RequestSignature.parse(null)).isEmpty();
		assertThat(RequestSignature.parse("Bearer abc")).isEmpty();
		assertThat(RequestSignature.parse("PV1-HMAC-SHA256 keyId=pk,timestamp=12,nonce=short,signature=abc")).isEmpty();
		assertThat(
				RequestSignature.parse("PV1-HMAC-SHA256 keyId=pk,timestamp=soon,nonce=nonce-0123456789ab,signature=a"))
			.isEmpty();
	}

	@Test
	void signsTheDocumentedStringToSign() {
		String expected = "POST\n/v1/ars-verifications\n1764000000\nnonce-0123456789ab\n"
				+ "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

		assertThat(RequestSignature.stringToSign("post", "/v1/ars-verifications", 1_764_000_000L, "nonce-0123456789ab",
				null))
			.isEqualTo(expected);
	}

}
