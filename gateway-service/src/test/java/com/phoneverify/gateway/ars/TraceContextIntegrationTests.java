package com.phoneverify.gateway.ars;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.messaging.trace.Traceparent;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.gateway.GatewayIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace context of the creating request travels with the verification: stored,
 * echoed, and carried by {@code auth-requested} and every {@code verification-outcomes}
 * event of it.
 */
class TraceContextIntegrationTests extends GatewayIntegrationTest {

	private static final String PATH = "/v1/ars-verifications";

	private final EventCodec codec = new EventCodec();

	@Test
	void theCallersTraceparentIsEchoedStoredAndCarriedByEveryEventOfTheVerification() {
		Merchant merchant = createMerchant();
		String traceparent = Traceparent.generate();
		Response created = post(merchant, traceparent);
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		assertThat(created.header("traceparent")).isEqualTo(traceparent);
		String id = created.body().path("id").asString();
		assertThat(count("SELECT count(*) FROM gateway.verifications WHERE id = $1 AND traceparent = $2",
				UUID.fromString(id), traceparent))
			.isOne();

		Response canceled = signed(merchant, "POST", PATH + "/" + id + "/cancel", null);
		assertThat(canceled.status()).isEqualTo(200);

		List<ConsumerRecord<String, byte[]>> requested = awaitRecordsWithKey(Topics.AUTH_REQUESTED, id, 1);
		assertThat(this.codec.decode(requested.get(0).value(), EventTopics.AUTH_REQUESTED).traceparent())
			.isEqualTo(traceparent);
		List<ConsumerRecord<String, byte[]>> outcomes = awaitRecordsWithKey(Topics.VERIFICATION_OUTCOMES, id, 1);
		assertThat(this.codec.decode(outcomes.get(0).value(), EventTopics.VERIFICATION_OUTCOMES).traceparent())
			.isEqualTo(traceparent);
	}

	@Test
	void aRequestWithoutAValidTraceparentGetsANewOne() {
		Merchant merchant = createMerchant();
		Response created = post(merchant, "not-a-traceparent");
		assertThat(created.status()).isEqualTo(201);
		String traceparent = created.header("traceparent");
		assertThat(Traceparent.isValid(traceparent)).as(traceparent).isTrue();
		String id = created.body().path("id").asString();
		List<ConsumerRecord<String, byte[]>> requested = awaitRecordsWithKey(Topics.AUTH_REQUESTED, id, 1);
		assertThat(this.codec.decode(requested.get(0).value(), EventTopics.AUTH_REQUESTED).traceparent())
			.isEqualTo(traceparent);
	}

	private Response post(Merchant merchant, String traceparent) {
		String body = "{\"type\":\"C\",\"phone\":\"010-5555-0000\"}";
		Map<String, String> headers = new HashMap<>(signedHeaders(merchant, "POST", PATH, body));
		headers.put("traceparent", traceparent);
		return send("POST", PATH, body, headers);
	}

}
