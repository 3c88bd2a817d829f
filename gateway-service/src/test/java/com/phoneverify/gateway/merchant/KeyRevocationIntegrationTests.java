package com.phoneverify.gateway.merchant;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KeyRevocationIntegrationTests extends GatewayIntegrationTest {

	private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);

	@Test
	void aKeyRevokedThroughTheAdminApiIsRefusedAtOnce() {
		Merchant merchant = createMerchant();
		assertThat(lookUp(merchant).status()).as("an authenticated look-up of an unknown verification").isEqualTo(404);

		Response revoked = send("POST",
				"/admin/v1/merchants/" + merchant.merchantId() + "/keys/" + merchant.keyId() + "/revoke", null, ADMIN);

		assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
		assertThat(revoked.body().path("revokedAt").asString()).isNotBlank();
		assertThat(lookUp(merchant).status()).isEqualTo(401);
	}

	/**
	 * Another instance revoked the key: it wrote the revocation to the database, and this
	 * instance, which has the credential in memory, learns it within seconds instead of
	 * the cache's five minutes.
	 */
	@Test
	void aKeyRevokedByAnotherInstanceIsRefusedWithinSeconds() {
		Merchant merchant = createMerchant();
		assertThat(lookUp(merchant).status()).isEqualTo(404);

		this.db.sql("UPDATE gateway.api_credentials SET revoked_at = now() WHERE key_id = $1")
			.bind(0, merchant.keyId())
			.fetch()
			.rowsUpdated()
			.block();

		await().atMost(Duration.ofSeconds(4))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> lookUp(merchant).status() == 401);
	}

	@Test
	void aSecondKeyWorksBesideTheFirstAndOutlivesItsRevocation() {
		Merchant merchant = createMerchant();
		Response issued = send("POST", "/admin/v1/merchants/" + merchant.merchantId() + "/keys", null, ADMIN);
		assertThat(issued.status()).as(issued.text()).isEqualTo(201);
		Merchant rotated = new Merchant(merchant.merchantId(), issued.body().path("keyId").asString(),
				issued.body().path("secret").asString(), merchant.webhookSecret());

		send("POST", "/admin/v1/merchants/" + merchant.merchantId() + "/keys/" + merchant.keyId() + "/revoke", null,
				ADMIN);

		assertThat(lookUp(merchant).status()).isEqualTo(401);
		assertThat(lookUp(rotated).status()).isEqualTo(404);
	}

	@Test
	void revokingAnotherMerchantsKeyOrAnUnknownOneIsNotFound() {
		Merchant owner = createMerchant();
		Merchant other = createMerchant();

		Response response = send("POST",
				"/admin/v1/merchants/" + other.merchantId() + "/keys/" + owner.keyId() + "/revoke", null, ADMIN);

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(lookUp(owner).status()).isEqualTo(404);
		assertThat(send("POST", "/admin/v1/merchants/no-such-shop/keys", null, ADMIN).status()).isEqualTo(404);
	}

	/**
	 * A key id the database does not know is answered from memory for a while: shown by a
	 * key that appears in the database behind the gateway's back, and is still refused.
	 */
	@Test
	void anUnknownKeyIdIsRefusedFromMemoryWithoutAskingTheDatabaseAgain() {
		Merchant merchant = createMerchant();
		Merchant madeUp = new Merchant(merchant.merchantId(), "pk_" + UUID.randomUUID().toString().replace("-", ""),
				merchant.secret(), merchant.webhookSecret());
		assertThat(lookUp(madeUp).status()).isEqualTo(401);

		this.db.sql("""
				INSERT INTO gateway.api_credentials (key_id, merchant_id, secret_key_id, secret_nonce,
				  secret_ciphertext, created_at)
				SELECT $1, merchant_id, secret_key_id, secret_nonce, secret_ciphertext, now()
				FROM gateway.api_credentials WHERE key_id = $2
				""").bind(0, madeUp.keyId()).bind(1, merchant.keyId()).fetch().rowsUpdated().block();

		assertThat(lookUp(madeUp).status()).isEqualTo(401);
	}

	private Response lookUp(Merchant merchant) {
		return signed(merchant, "GET", "/v1/ars-verifications/" + UUID.randomUUID(), "");
	}

}
