package com.phoneverify.gateway.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}: the API, its signing and its problems.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String DESCRIPTION = """
			The merchant API of the phone verification suite (ARS verifications A, B and C).

			**Signing.** Every `/v1/**` request carries
			`Authorization: PV1-HMAC-SHA256 keyId=<key id>,timestamp=<unix seconds>,nonce=<16-64 [A-Za-z0-9_-]>,signature=<Base64>`
			where signature = Base64(HMAC-SHA256(secret, METHOD \\n PATH-WITH-QUERY \\n TIMESTAMP \\n NONCE \\n lower-hex SHA-256(body))).
			Timestamps within 5 minutes of the gateway's clock; each nonce once.

			**Errors** are RFC 9457 `application/problem+json` with a stable `type` under
			`https://phoneverify.dev/problems/`: `signature-missing`, `signature-malformed`, `signature-invalid`,
			`signature-expired`, `signature-replayed` (401); `malformed-json`, `invalid-request` (400, with `errors[]`
			per field); `payload-too-large` (413); `unsupported-media-type` (415); `not-found` (404);
			`verification-not-pending`, `verification-not-confirmable`, `merchant-exists` (409); `internal` (500).

			**OTP** (`/v1/otp/**`: hardware and mobile OTP lifecycle, verification, inquiries) is forwarded
			to otp-service and documented in `docs/otp-api.yaml`; its problems are under
			`https://phoneverify.dev/problems/otp/`, plus `otp-unavailable` (503).

			**Webhooks** to the callback URL carry `PV-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(webhookSecret, "<t>.<raw body>")>`
			and `PV-Event-Id`.
			""";

	@Bean
	OpenAPI gatewayOpenApi() {
		return new OpenAPI().info(new Info().title("phone-verify gateway").version("v1").description(DESCRIPTION))
			.components(new Components()
				.addSecuritySchemes("PV1-HMAC-SHA256",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("Authorization")
							.description("PV1-HMAC-SHA256 request signature, see the API description"))
				.addSecuritySchemes("admin-bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("gateway.admin.token, for /admin/v1/**")))
			.addSecurityItem(new SecurityRequirement().addList("PV1-HMAC-SHA256"));
	}

}
