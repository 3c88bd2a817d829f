package com.phoneverify.transfer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.otp.OtpRequestId;
import com.phoneverify.contracts.otp.OtpTokenKind;
import com.phoneverify.contracts.otp.OtpVerificationRequested;
import com.phoneverify.contracts.otp.OtpVerificationResult;
import com.phoneverify.contracts.otp.OtpVerified;
import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Plays otp-service on the real embedded broker: reads every
 * {@code otp-verification-requested} (opening its sealed fields with the test key ring)
 * and publishes the {@code otp-verified} a test decides on.
 */
final class TestOtpService extends TestKafkaPeer {

	/** One verification request, opened. */
	record Request(OtpRequestId id, String merchant, String realNameId, OtpTokenKind tokenKind, String code,
			@Nullable String pin, @Nullable String recipientAccount, @Nullable BigDecimal amount,
			@Nullable TransferId transferId) {
	}

	private final Sealer sealer;

	private final List<Request> received = new CopyOnWriteArrayList<>();

	TestOtpService(Sealer sealer) {
		super("test-otp-service", Topics.OTP_VERIFICATION_REQUESTED);
		this.sealer = sealer;
		startReading();
	}

	@Override
	void onRecord(ConsumerRecord<String, byte[]> record) {
		OtpVerificationRequested request = codec.decode(record.value(), EventTopics.OTP_VERIFICATION_REQUESTED)
			.payload();
		try {
			this.received.add(new Request(request.requestId(), request.merchantId().value(),
					open(request, request.realNameId(), "realNameId"), request.tokenKind(),
					open(request, request.code(), "code"), open(request, request.pin(), "pin"),
					open(request, request.recipientAccount(), "recipientAccount"), request.amount(),
					request.transferId()));
		}
		catch (Sealer.SealingException ex) {
			// another test class's service (another key ring) shares the
			// broker
		}
	}

	private @Nullable String open(OtpVerificationRequested request, @Nullable SealedValue value, String field) {
		return (value != null)
				? this.sealer.open(value, OtpVerificationRequested.sealingContext(request.requestId(), field)) : null;
	}

	/** The verification request for a transfer (waits for it). */
	Request requestFor(TransferId transfer) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			List<Request> found = requestsFor(transfer);
			if (!found.isEmpty()) {
				return found.get(0);
			}
			TestRelay.sleep(50);
		}
		throw new AssertionError("no OTP verification request for " + transfer + " within 30 s");
	}

	/** The requests received so far for a transfer. */
	List<Request> requestsFor(TransferId transfer) {
		return this.received.stream().filter((request) -> transfer.equals(request.transferId())).toList();
	}

	/** Answers as otp-service would. */
	void answer(Request request, OtpVerificationResult result) {
		OtpVerified answer = switch (result) {
			case VERIFIED -> new OtpVerified(request.id(), result, null, null);
			case REJECTED -> new OtpVerified(request.id(), result, null, 9);
			case REFUSED -> new OtpVerified(request.id(), result, "token-locked", null);
		};
		EventEnvelope<OtpVerified> event = EventTopics.OTP_VERIFIED.envelope(answer, Instant.now(), null);
		send(Topics.OTP_VERIFIED, event.key(), codec.encode(event));
	}

}
