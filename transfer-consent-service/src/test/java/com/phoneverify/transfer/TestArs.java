package com.phoneverify.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.CallTimings;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Plays ars-call-service on the real embedded broker: reads every {@code auth-requested}
 * (opening the sealed phone with the test key ring) and publishes {@code call-completed}
 * as the service would when the call ends; reads {@code verification-outcomes} for the
 * calls it is told to stop.
 */
final class TestArs extends TestKafkaPeer {

	/**
	 * One call the service asked for, opened.
	 *
	 * @param hasCode whether the request carried a code (scenario E carries none)
	 */
	record Call(VerificationId id, MerchantId merchant, ArsScenario scenario, String phone, boolean hasCode,
			int codeLength, Instant expiresAt) {
	}

	private final Sealer sealer;

	private final List<Call> requested = new CopyOnWriteArrayList<>();

	private final Set<VerificationId> stopped = ConcurrentHashMap.newKeySet();

	TestArs(Sealer sealer) {
		super("test-ars", Topics.AUTH_REQUESTED, Topics.VERIFICATION_OUTCOMES);
		this.sealer = sealer;
		startReading();
	}

	@Override
	void onRecord(ConsumerRecord<String, byte[]> record) {
		if (record.topic().equals(Topics.VERIFICATION_OUTCOMES)) {
			VerificationOutcome outcome = codec.decode(record.value(), EventTopics.VERIFICATION_OUTCOMES).payload();
			// what stops a call in ars-call-service (CallStops.stopsTheCall)
			if (outcome.product() == Product.ARS && (outcome.status() == VerificationStatus.CANCELED
					|| outcome.status() == VerificationStatus.EXPIRED)) {
				this.stopped.add(outcome.verificationId());
			}
			return;
		}
		AuthRequested request = codec.decode(record.value(), EventTopics.AUTH_REQUESTED).payload();
		try {
			String phone = this.sealer.open(request.phone(),
					AuthRequested.sealingContext(request.verificationId(), "phone"));
			this.requested.add(new Call(request.verificationId(), request.merchantId(), request.scenario(), phone,
					request.code() != null, request.codeLength(), request.expiresAt()));
		}
		catch (Sealer.SealingException ex) {
			// another test class's service (another key ring) shares the
			// broker
		}
	}

	/**
	 * Whether the call was told to stop ({@code verification-outcomes}: canceled or
	 * expired, as ars-call-service reads it).
	 */
	boolean stopped(Call call) {
		return this.stopped.contains(call.id());
	}

	/** The calls asked for to a number so far. */
	List<Call> callsTo(String e164) {
		return this.requested.stream().filter((call) -> call.phone().equals(e164)).toList();
	}

	/** Waits for the first call asked for to a number. */
	Call awaitCallTo(String e164, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			List<Call> calls = callsTo(e164);
			if (!calls.isEmpty()) {
				return calls.get(0);
			}
			TestRelay.sleep(50);
		}
		throw new AssertionError("no ARS call to " + e164 + " within " + timeout);
	}

	/** The end of an answered call, as ars-call-service publishes it. */
	EventEnvelope<CallCompleted> answered(Call call, ScenarioResult result) {
		return complete(new CallCompleted(call.id(), call.merchant(), CallOutcome.ANSWERED, result, 200,
				new CallTimings(800L, 3_200L, 18_500L)));
	}

	/** The end of a call that was not answered. */
	EventEnvelope<CallCompleted> notAnswered(Call call, CallOutcome outcome, @Nullable Integer sipStatus) {
		return complete(new CallCompleted(call.id(), call.merchant(), outcome, null, sipStatus,
				new CallTimings(700L, null, 30_000L)));
	}

	EventEnvelope<CallCompleted> complete(CallCompleted completed) {
		EventEnvelope<CallCompleted> event = EventTopics.CALL_COMPLETED.envelope(completed, Instant.now(), null);
		publish(event);
		return event;
	}

	/** Publishes an event (again). */
	void publish(EventEnvelope<CallCompleted> event) {
		send(Topics.CALL_COMPLETED, event.key(), codec.encode(event));
	}

}
