package com.phoneverify.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.ConsentReplied;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays sms-relay-service on the real embedded broker: reads every {@code sms-outbound}
 * request (opening the sealed number and text with the test key ring) and publishes
 * {@code consent-replied} as the relay would for a reply from a handset.
 */
final class TestRelay extends TestKafkaPeer {

	/** One SMS the service asked for, opened. */
	record Sms(SmsMessageId id, SmsKind kind, String senderNumber, String to, String text, TransferId replyFor,
			Instant expiresAt) {
	}

	private final Sealer sealer;

	private final List<Sms> sent = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> recordsPerKey = new ConcurrentHashMap<>();

	TestRelay(Sealer sealer) {
		super("test-relay", Topics.SMS_OUTBOUND);
		this.sealer = sealer;
		startReading();
	}

	@Override
	void onRecord(ConsumerRecord<String, byte[]> record) {
		this.recordsPerKey.merge(record.key(), 1, Integer::sum);
		SmsRequested request = codec.decode(record.value(), EventTopics.SMS_OUTBOUND).payload();
		try {
			this.sent.add(new Sms(request.messageId(), request.kind(), request.senderNumber(),
					this.sealer.open(request.to(), SmsRequested.sealingContext(request.messageId(), "to")),
					this.sealer.open(request.text(), SmsRequested.sealingContext(request.messageId(), "text")),
					request.replyFor(), request.expiresAt()));
		}
		catch (Sealer.SealingException ex) {
			// another test class's service (another key ring) shares the
			// broker
		}
	}

	/** The consent request of a transfer: the one SMS that expects a reply for it. */
	Sms consentRequest(TransferId transfer) {
		return await(() -> this.sent.stream().filter((sms) -> transfer.equals(sms.replyFor())).toList(),
				"consent SMS of " + transfer)
			.get(0);
	}

	/** Whether a consent request for the transfer was seen so far. */
	boolean hasConsentRequest(TransferId transfer) {
		return this.sent.stream().anyMatch((sms) -> transfer.equals(sms.replyFor()));
	}

	/** The SMS sent to a number that expect no reply, in order. */
	List<Sms> noticesTo(String e164) {
		return this.sent.stream().filter((sms) -> sms.replyFor() == null && sms.to().equals(e164)).toList();
	}

	/** Waits until at least {@code count} notices went to the number. */
	List<Sms> awaitNotices(String e164, int count) {
		return await(() -> {
			List<Sms> notices = noticesTo(e164);
			return (notices.size() >= count) ? notices : List.of();
		}, count + " notices");
	}

	/** How many records carried this message id (the outbox sends each once). */
	int records(SmsMessageId id) {
		return this.recordsPerKey.getOrDefault(id.toString(), 0);
	}

	/** The six digits of a consent SMS. */
	static String code(Sms sms) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("인증번호 ([0-9]{6})").matcher(sms.text());
		assertThat(matcher.find()).as("code in the consent SMS").isTrue();
		return matcher.group(1);
	}

	/** A reply from a handset, as the relay publishes it; returns the event. */
	EventEnvelope<ConsentReplied> reply(Sms request, String fromE164, String text) {
		return reply(request, fromE164, text, Instant.now());
	}

	/**
	 * A reply the relay received at {@code receivedAt} (the envelope's time) and
	 * publishes now; returns the event.
	 */
	EventEnvelope<ConsentReplied> reply(Sms request, String fromE164, String text, Instant receivedAt) {
		TransferId transfer = request.replyFor();
		ConsentReplied reply = new ConsentReplied(transfer, request.id(),
				this.sealer.seal(fromE164, ConsentReplied.sealingContext(transfer, "sender")),
				this.sealer.seal(text, ConsentReplied.sealingContext(transfer, "text")));
		EventEnvelope<ConsentReplied> event = EventTopics.CONSENT_REPLIED.envelope(reply, receivedAt, null);
		publish(event);
		return event;
	}

	/** Publishes an event (again). */
	void publish(EventEnvelope<ConsentReplied> event) {
		send(Topics.CONSENT_REPLIED, event.key(), codec.encode(event));
	}

	/**
	 * A delivery status of a message, as the relay publishes it on {@code sms-status}.
	 */
	void status(SmsMessageId message, com.phoneverify.contracts.sms.SmsDeliveryStatus status, String errorCode) {
		var event = EventTopics.SMS_STATUS.envelope(
				new com.phoneverify.contracts.sms.SmsStatusChanged(message, status, errorCode), Instant.now(), null);
		send(Topics.SMS_STATUS, event.key(), codec.encode(event));
	}

	private static <T> List<T> await(java.util.function.Supplier<List<T>> probe, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			List<T> found = probe.get();
			if (!found.isEmpty()) {
				return found;
			}
			sleep(50);
		}
		throw new AssertionError("no " + what + " within 30 s");
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
