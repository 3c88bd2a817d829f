package com.phoneverify.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.TransferCancelRequested;
import com.phoneverify.contracts.transfer.TransferCompleted;
import com.phoneverify.contracts.transfer.TransferMode;
import com.phoneverify.contracts.transfer.TransferRequested;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the gateway on the real broker: publishes {@code transfer-requested} and
 * {@code transfer-cancel-requested}, and reads every {@code transfer-completed}.
 */
final class TestGateway extends TestKafkaPeer {

	static final MerchantId MERCHANT = MerchantId.of("bank-channel");

	private final Sealer sealer;

	private final Map<String, List<TransferCompleted>> completed = new ConcurrentHashMap<>();

	TestGateway(Sealer sealer) {
		super("test-gateway", Topics.TRANSFER_COMPLETED);
		this.sealer = sealer;
		startReading();
	}

	@Override
	void onRecord(ConsumerRecord<String, byte[]> record) {
		this.completed.computeIfAbsent(record.key(), (key) -> new CopyOnWriteArrayList<>())
			.add(codec.decode(record.value(), EventTopics.TRANSFER_COMPLETED).payload());
	}

	EventEnvelope<TransferRequested> request(VerificationId id, String from, String password, long amount, String to,
			String phone) {
		return request(id, from, password, amount, to, phone, null);
	}

	/**
	 * A request with the remitter's hardware OTP code, sealed as the gateway seals it.
	 */
	EventEnvelope<TransferRequested> request(VerificationId id, String from, String password, long amount, String to,
			String phone, @org.jspecify.annotations.Nullable String otpCode) {
		com.phoneverify.contracts.transfer.TransferOtp otp = (otpCode != null)
				? new com.phoneverify.contracts.transfer.TransferOtp(
						com.phoneverify.contracts.otp.OtpTokenKind.HARDWARE,
						seal(id, "otp.realNameId", TransferConsentIntegrationTests.REAL_NAME_ID),
						seal(id, "otp.code", otpCode), null)
				: null;
		TransferRequested request = new TransferRequested(id, MERCHANT, TransferMode.PHISHING_GUARD, amount, "999",
				seal(id, "fromAccount", from), seal(id, "password", password), seal(id, "toAccount", to),
				seal(id, "recipientPhone", phone), null, null, null, false, Instant.now().plusSeconds(60), otp);
		EventEnvelope<TransferRequested> event = EventTopics.TRANSFER_REQUESTED.envelope(request, Instant.now(), null);
		send(Topics.TRANSFER_REQUESTED, event.key(), codec.encode(event));
		return event;
	}

	void resend(EventEnvelope<TransferRequested> event) {
		send(Topics.TRANSFER_REQUESTED, event.key(), codec.encode(event));
	}

	void cancel(VerificationId id) {
		EventEnvelope<TransferCancelRequested> event = EventTopics.TRANSFER_CANCEL_REQUESTED
			.envelope(new TransferCancelRequested(id, MERCHANT), Instant.now(), null);
		send(Topics.TRANSFER_CANCEL_REQUESTED, event.key(), codec.encode(event));
	}

	/** The one result of a request; fails if none comes or more than one. */
	TransferCompleted awaitCompleted(VerificationId id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		while (System.nanoTime() < deadline && !this.completed.containsKey(id.toString())) {
			TestRelay.sleep(50);
		}
		List<TransferCompleted> results = this.completed.get(id.toString());
		assertThat(results).as("transfer-completed of " + id).isNotNull();
		TestRelay.sleep(1500);
		assertThat(results).hasSize(1);
		return results.get(0);
	}

	private com.phoneverify.contracts.sealed.SealedValue seal(VerificationId id, String field, String value) {
		return this.sealer.seal(value, TransferRequested.sealingContext(id, field));
	}

}
