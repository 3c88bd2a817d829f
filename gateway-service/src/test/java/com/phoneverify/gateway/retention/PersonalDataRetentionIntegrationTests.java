package com.phoneverify.gateway.retention;

import java.util.UUID;

import com.phoneverify.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataRetentionIntegrationTests extends GatewayIntegrationTest {

	private static final String PATH = "/v1/ars-verifications";

	@Autowired
	PersonalDataPurge purge;

	@Test
	void anEndedVerificationPastTheRetentionKeepsOnlyItsMaskedNumber() {
		Merchant merchant = createMerchant();
		String ended = create(merchant);
		assertThat(signed(merchant, "POST", PATH + "/" + ended + "/cancel", "").status()).isEqualTo(200);
		String recent = create(merchant);
		signed(merchant, "POST", PATH + "/" + recent + "/cancel", "");
		String stillPending = create(merchant);
		age(ended, "31 days");
		age(stillPending, "31 days");
		age(recent, "29 days");

		this.purge.purgeExpired().block();

		assertThat(sealedPhones(ended)).as("sealed number of the ended verification").isZero();
		assertThat(sealedPhones(recent)).as("within the retention").isOne();
		assertThat(sealedPhones(stillPending)).as("pending: its call may still need the number").isOne();
		Response view = signed(merchant, "GET", PATH + "/" + ended, null);
		assertThat(view.status()).as(view.text()).isEqualTo(200);
		assertThat(view.body().path("status").asString()).isEqualTo("canceled");
		assertThat(view.text()).contains("****");
	}

	@Test
	void webhookDeliveriesThatAreOverGoAfterTheRetention() {
		Merchant merchant = createMerchant();
		UUID old = delivery(merchant, "delivered", "31 days");
		UUID failedOld = delivery(merchant, "failed", "40 days");
		UUID recent = delivery(merchant, "delivered", "1 day");
		UUID pending = delivery(merchant, "pending", "31 days");

		this.purge.purgeExpired().block();

		assertThat(deliveries(old, failedOld)).isZero();
		assertThat(deliveries(recent, pending)).isEqualTo(2);
	}

	private String create(Merchant merchant) {
		Response response = signed(merchant, "POST", PATH, "{\"type\":\"C\",\"phone\":\"010-5555-0101\"}");
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return response.body().path("id").asString();
	}

	private void age(String id, String by) {
		this.db.sql("UPDATE gateway.verifications SET created_at = now() - CAST($2 AS interval) WHERE id = $1")
			.bind(0, UUID.fromString(id))
			.bind(1, by)
			.fetch()
			.rowsUpdated()
			.block();
	}

	private long sealedPhones(String id) {
		return count("SELECT count(*) FROM gateway.ars_verifications WHERE id = $1 AND phone_ciphertext IS NOT NULL "
				+ "AND phone_masked LIKE '%****%'", UUID.fromString(id));
	}

	private UUID delivery(Merchant merchant, String status, String age) {
		UUID eventId = UUID.randomUUID();
		this.db.sql("""
				INSERT INTO gateway.webhook_deliveries (event_id, merchant_id, verification_id, url, payload, status,
				  next_attempt_at, created_at)
				VALUES ($1, $2, $3, 'https://merchant.example/hook', '\\x7b7d'::bytea, $4, now(),
				  now() - CAST($5 AS interval))
				""")
			.bind(0, eventId)
			.bind(1, merchant.merchantId())
			.bind(2, UUID.randomUUID())
			.bind(3, status)
			.bind(4, age)
			.fetch()
			.rowsUpdated()
			.block();
		return eventId;
	}

	private long deliveries(UUID... eventIds) {
		return count("SELECT count(*) FROM gateway.webhook_deliveries WHERE event_id = ANY($1)", (Object) eventIds);
	}

}
