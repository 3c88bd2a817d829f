package com.phoneverify.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The running gateway seals merchants' secrets and event fields with separate rings. */
class SealingKeyRingsIntegrationTests extends GatewayIntegrationTest {

	@Test
	void merchantSecretsUseTheAtRestRingAndTheSealedPhoneTheEventRing() {
		Merchant merchant = createMerchant();
		Map<String, Object> credential = this.db
			.sql("SELECT c.secret_key_id, m.webhook_secret_key_id FROM gateway.api_credentials c "
					+ "JOIN gateway.merchants m ON m.id = c.merchant_id WHERE c.key_id = $1")
			.bind(0, merchant.keyId())
			.fetch()
			.one()
			.block();
		assertThat(credential).containsEntry("secret_key_id", AT_REST_KEY_ID)
			.containsEntry("webhook_secret_key_id", AT_REST_KEY_ID);
		Response created = signed(merchant, "POST", "/v1/ars-verifications",
				"{\"type\":\"C\",\"phone\":\"010-5555-0000\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(count("SELECT count(*) FROM gateway.ars_verifications WHERE id = $1::uuid AND phone_key_id = $2",
				created.body().path("id").asString(), EVENTS_KEY_ID))
			.isOne();
	}

}
