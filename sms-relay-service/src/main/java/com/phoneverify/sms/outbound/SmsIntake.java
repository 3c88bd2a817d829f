package com.phoneverify.sms.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.sms.recipient.RecipientKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Takes a request from {@code sms-outbound} into the store, in the consumer's
 * transaction: queued when its sender is registered, its recipient under the limits and
 * it has not expired; otherwise stored as failed (or expired) with the reason. Either way
 * its first status goes on {@code sms-status} in the same transaction.
 * <p>
 * {@link #acceptAll} takes a whole poll with a fixed number of statements (senders,
 * recipient locks, limit counts, one insert, one outbox insert) rather than about six per
 * request, and stores what the dispatcher has room for already claimed by it;
 * {@link #accept} takes one request (the consumer's fallback, record by record).
 */
public final class SmsIntake {

	/** Error codes of requests refused here (not SMPP statuses). */
	public static final String SENDER_NOT_REGISTERED = "sender-not-registered";

	public static final String RECIPIENT_LIMIT = "recipient-limit";

	public static final String BAD_NUMBER = "bad-number";

	public static final String TOO_LONG = "too-long";

	private static final Logger log = LoggerFactory.getLogger(SmsIntake.class);

	private final OutboundStore store;

	private final StatusEvents events;

	private final Sealer sealer;

	private final RecipientKeys recipients;

	private final Clock clock;

	private final int perHour;

	private final int perDay;

	public SmsIntake(OutboundStore store, StatusEvents events, Sealer sealer, RecipientKeys recipients, Clock clock,
			int perHour, int perDay) {
		this.store = store;
		this.events = events;
		this.sealer = sealer;
		this.recipients = recipients;
		this.clock = clock;
		this.perHour = perHour;
		this.perDay = perDay;
	}

	/** Applies one request; called by the idempotent consumer inside its transaction. */
	public Mono<Void> accept(EventEnvelope<SmsRequested> event) {
		SmsRequested request = event.payload();
		Instant now = this.clock.instant();
		PhoneNumber to;
		try {
			to = PhoneNumber
				.parse(this.sealer.open(request.to(), SmsRequested.sealingContext(request.messageId(), "to")));
		}
		catch (PhoneNumber.InvalidPhoneNumberException ex) {
			return store(event, "-", SmsDeliveryStatus.FAILED, BAD_NUMBER, now);
		}
		String recipientKey = this.recipients.of(to);
		return this.store.isRegisteredSender(request.senderNumber()).flatMap((registered) -> {
			if (!registered) {
				log.warn("sms {} refused: sender number {} is not registered", request.messageId(),
						request.senderNumber());
				return store(event, recipientKey, SmsDeliveryStatus.FAILED, SENDER_NOT_REGISTERED, now);
			}
			if (!request.expiresAt().isAfter(now)) {
				return store(event, recipientKey, SmsDeliveryStatus.EXPIRED, null, now);
			}
			return this.store.lockRecipient(recipientKey)
				.then(Mono.zip(this.store.countSince(recipientKey, now.minus(Duration.ofHours(1))),
						this.store.countSince(recipientKey, now.minus(Duration.ofDays(1)))))
				.flatMap((counts) -> {
					if (counts.getT1() >= this.perHour || counts.getT2() >= this.perDay) {
						log.warn("sms {} refused: recipient {} is over its limit", request.messageId(), to);
						return store(event, recipientKey, SmsDeliveryStatus.FAILED, RECIPIENT_LIMIT, now);
					}
					return store(event, recipientKey, SmsDeliveryStatus.QUEUED, null, now);
				});
		});
	}

	/**
	 * Applies many requests (in order) in the caller's transaction, with the same
	 * decisions as {@link #accept} one after another: a recipient's earlier requests of
	 * the batch count against its limits. A request whose message id is stored already (a
	 * redelivery) changes nothing.
	 * <p>
	 * Up to {@code claimUpTo} of the queued ones are stored already claimed by
	 * {@code dispatcher} and returned, for the caller to hand to that dispatcher once the
	 * transaction committed: they need no claim of their own (a query and a commit). If
	 * the instance dies first, they are queued again after the claim timeout, like any
	 * claim.
	 * @throws Sealer.SealingException when a request's number cannot be opened
	 */
	public Mono<List<OutboundStore.ClaimedMessage>> acceptAll(List<EventEnvelope<SmsRequested>> events, int claimUpTo,
			UUID dispatcher) {
		if (events.isEmpty()) {
			return Mono.just(List.of());
		}
		Instant now = this.clock.instant();
		List<Candidate> candidates = new ArrayList<>(events.size());
		Set<String> senders = new LinkedHashSet<>();
		for (EventEnvelope<SmsRequested> event : events) {
			SmsRequested request = event.payload();
			senders.add(request.senderNumber());
			try {
				PhoneNumber to = PhoneNumber
					.parse(this.sealer.open(request.to(), SmsRequested.sealingContext(request.messageId(), "to")));
				candidates.add(new Candidate(event, to, this.recipients.of(to)));
			}
			catch (PhoneNumber.InvalidPhoneNumberException ex) {
				candidates.add(new Candidate(event, null, "-"));
			}
		}
		return this.store.registeredSenders(senders).flatMap((registered) -> {
			Set<String> limited = new TreeSet<>();
			for (Candidate candidate : candidates) {
				if (candidate.to() != null && registered.contains(candidate.event().payload().senderNumber())
						&& candidate.event().payload().expiresAt().isAfter(now)) {
					limited.add(candidate.recipientKey());
				}
			}
			return this.store.lockRecipients(limited)
				.then(this.store.countsSince(limited, now.minus(Duration.ofHours(1)), now.minus(Duration.ofDays(1))))
				.flatMap((counts) -> storeAll(
						claimed(decide(candidates, registered, counts, now), claimUpTo, dispatcher), now));
		});
	}

	/** A request with its number opened (null when not a valid number). */
	private record Candidate(EventEnvelope<SmsRequested> event, @Nullable PhoneNumber to, String recipientKey) {
	}

	/** What {@link #accept} would decide for each, in order. */
	private List<OutboundStore.NewMessage> decide(List<Candidate> candidates, Set<String> registered,
			Map<String, OutboundStore.RecipientCounts> counts, Instant now) {
		Map<String, long[]> sent = new HashMap<>();
		List<OutboundStore.NewMessage> messages = new ArrayList<>(candidates.size());
		for (Candidate candidate : candidates) {
			EventEnvelope<SmsRequested> event = candidate.event();
			SmsRequested request = event.payload();
			if (candidate.to() == null) {
				messages.add(message(event, "-", SmsDeliveryStatus.FAILED, BAD_NUMBER, now));
			}
			else if (!registered.contains(request.senderNumber())) {
				log.warn("sms {} refused: sender number {} is not registered", request.messageId(),
						request.senderNumber());
				messages.add(
						message(event, candidate.recipientKey(), SmsDeliveryStatus.FAILED, SENDER_NOT_REGISTERED, now));
			}
			else if (!request.expiresAt().isAfter(now)) {
				messages.add(message(event, candidate.recipientKey(), SmsDeliveryStatus.EXPIRED, null, now));
			}
			else {
				long[] recipient = sent.computeIfAbsent(candidate.recipientKey(), (key) -> {
					OutboundStore.RecipientCounts stored = counts.get(key);
					return (stored != null) ? new long[] { stored.lastHour(), stored.lastDay() } : new long[2];
				});
				if (recipient[0] >= this.perHour || recipient[1] >= this.perDay) {
					log.warn("sms {} refused: recipient {} is over its limit", request.messageId(), candidate.to());
					messages
						.add(message(event, candidate.recipientKey(), SmsDeliveryStatus.FAILED, RECIPIENT_LIMIT, now));
				}
				else {
					recipient[0]++;
					recipient[1]++;
					messages.add(message(event, candidate.recipientKey(), SmsDeliveryStatus.QUEUED, null, now));
				}
			}
		}
		return messages;
	}

	/** The first {@code limit} queued messages, marked claimed by {@code dispatcher}. */
	private static List<OutboundStore.NewMessage> claimed(List<OutboundStore.NewMessage> messages, int limit,
			UUID dispatcher) {
		List<OutboundStore.NewMessage> marked = new ArrayList<>(messages.size());
		int left = limit;
		for (OutboundStore.NewMessage m : messages) {
			if (left > 0 && m.status() == SmsDeliveryStatus.QUEUED) {
				left--;
				marked.add(new OutboundStore.NewMessage(m.id(), m.senderNumber(), m.recipientKey(), m.recipient(),
						m.body(), m.replyFor(), m.status(), m.errorCode(), m.expiresAt(), m.traceparent(), m.now(),
						dispatcher));
			}
			else {
				marked.add(m);
			}
		}
		return marked;
	}

	private Mono<List<OutboundStore.ClaimedMessage>> storeAll(List<OutboundStore.NewMessage> messages, Instant now) {
		return this.store.insertAll(messages).flatMap((inserted) -> {
			List<OutboundStore.StatusChange> changes = new ArrayList<>(inserted.size());
			List<OutboundStore.ClaimedMessage> claimed = new ArrayList<>();
			Set<UUID> once = new HashSet<>();
			for (OutboundStore.NewMessage message : messages) {
				// a message id twice in the batch: stored (and announced) once
				if (inserted.contains(message.id()) && once.add(message.id())) {
					// the public status is queued, claimed or not
					changes.add(new OutboundStore.StatusChange(message.id(), message.status(), message.errorCode(),
							message.traceparent()));
					if (message.claimedBy() != null && message.status() == SmsDeliveryStatus.QUEUED) {
						claimed.add(message.claimed());
					}
				}
			}
			return this.events.enqueueAll(changes).thenReturn(claimed);
		});
	}

	private static OutboundStore.NewMessage message(EventEnvelope<SmsRequested> event, String recipientKey,
			SmsDeliveryStatus status, @Nullable String errorCode, Instant now) {
		SmsRequested request = event.payload();
		return new OutboundStore.NewMessage(request.messageId().value(), request.senderNumber(), recipientKey,
				StoredSeal.write(request.to()), StoredSeal.write(request.text()),
				(request.replyFor() != null) ? request.replyFor().value() : null, status, errorCode,
				request.expiresAt(), event.traceparent(), now, null);
	}

	private Mono<Void> store(EventEnvelope<SmsRequested> event, String recipientKey, SmsDeliveryStatus status,
			@Nullable String errorCode, Instant now) {
		OutboundStore.NewMessage message = message(event, recipientKey, status, errorCode, now);
		return this.store.insert(message)
			.flatMap((inserted) -> inserted
					? this.events
						.enqueue(new OutboundStore.StatusChange(message.id(), status, errorCode, event.traceparent()))
					: Mono.empty());
	}

	/** After the consumer's transaction committed: relay the status now. */
	public void committed() {
		this.events.committed();
	}

}
