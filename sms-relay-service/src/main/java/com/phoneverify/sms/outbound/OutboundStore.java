package com.phoneverify.sms.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.sms.smsc.Receipt;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where outbound messages and their state live (schema {@code sms}). Every method runs in
 * the caller's transaction, if any.
 */
public interface OutboundStore {

	/** Adds the numbers to the sender registry (those already there stay). */
	Mono<Void> registerSenders(Collection<String> numbers);

	Mono<Boolean> isRegisteredSender(String number);

	/**
	 * Serializes, until the end of the transaction, every intake for this recipient (so
	 * that two requests cannot both slip under a limit).
	 */
	Mono<Void> lockRecipient(String recipientKey);

	/**
	 * Messages accepted for this recipient since the instant (refused ones not counted).
	 */
	Mono<Long> countSince(String recipientKey, Instant since);

	/** Stores a new message; false when its id is stored already. */
	Mono<Boolean> insert(NewMessage message);

	/** The registered ones among these numbers, in one query. */
	Mono<Set<String>> registeredSenders(Collection<String> numbers);

	/**
	 * {@link #lockRecipient} for every key, in one statement and one order (so two
	 * intakes never wait for each other in a cycle).
	 */
	Mono<Void> lockRecipients(Collection<String> recipientKeys);

	/**
	 * {@link #countSince} for many recipients and two instants in one query; recipients
	 * without messages are absent.
	 */
	Mono<Map<String, RecipientCounts>> countsSince(Collection<String> recipientKeys, Instant hourAgo, Instant dayAgo);

	/** Messages a recipient was sent since an hour and a day ago. */
	record RecipientCounts(long lastHour, long lastDay) {
	}

	/**
	 * Stores new messages in one statement; emits the ids stored now (those stored
	 * already are left as they are). A queued message with a {@code claimedBy} is stored
	 * claimed (submitting, first attempt).
	 */
	Mono<Set<UUID>> insertAll(List<NewMessage> messages);

	/**
	 * Claims up to {@code limit} queued messages that are due ({@code FOR UPDATE SKIP
	 * LOCKED}: instances never claim the same one), marking them submitting by
	 * {@code owner}.
	 */
	Flux<ClaimedMessage> claim(UUID owner, int limit, Instant now);

	/**
	 * {@link #submitted} for many messages at once, in a few statements: what the
	 * recorder commits in one transaction.
	 */
	Flux<StatusChange> submittedAll(UUID owner, List<SubmittedMessage> messages, Instant now);

	/** A claimed message the SMSC took, with the SMSC's ids of its parts in order. */
	record SubmittedMessage(UUID messageId, List<String> smscMessageIds) {
	}

	/** Gives a claimed message back to the queue, due again at {@code nextAttemptAt}. */
	Mono<Void> requeue(UUID messageId, UUID owner, Instant nextAttemptAt, Instant now);

	/** Ends a claimed message (failed, expired); empty when it was not ours any more. */
	Mono<StatusChange> finish(UUID messageId, UUID owner, SmsDeliveryStatus status, @Nullable String errorCode,
			Instant now);

	/**
	 * Applies a receipt to the part with its SMSC id; keeps it for later when no part has
	 * that id yet. Returns the message's new status when the receipt changed it.
	 */
	Mono<StatusChange> applyReceipt(Receipt receipt, Instant now);

	/**
	 * Queues again what instances claimed before {@code claimedBefore} and never ended.
	 */
	Mono<Long> releaseStale(Instant claimedBefore, Instant now);

	/** Takes or renews the lease of dispatcher {@code owner}, on the database's clock. */
	Mono<Void> renewLease(UUID owner);

	/**
	 * Queues again what dispatchers whose lease was last renewed longer than
	 * {@code lease} ago (or who hold none) claimed, and forgets leases lapsed long ago.
	 * @return how many messages
	 */
	Mono<Long> releaseLapsed(Duration lease, Instant now);

	/**
	 * Gives the lease up at a clean shutdown: anything the owner still claims is queued
	 * again by the next sweep of any instance.
	 */
	Mono<Void> dropLease(UUID owner);

	/**
	 * Deletes receipts kept for an SMSC message id never recorded, received before
	 * {@code receivedBefore}.
	 * @return how many
	 */
	Mono<Long> purgeUnmatchedReceipts(Instant receivedBefore);

	/**
	 * A message as the intake stores it.
	 *
	 * @param recipient the request's sealed number, as stored
	 * @param body the request's sealed text, as stored
	 * @param claimedBy for a queued message: the dispatcher it is stored as claimed by
	 * (submitting, first attempt), handed to it after the commit; null: queued, for any
	 * dispatcher's claim
	 */
	record NewMessage(UUID id, String senderNumber, String recipientKey, String recipient, String body,
			@Nullable UUID replyFor, SmsDeliveryStatus status, @Nullable String errorCode, Instant expiresAt,
			@Nullable String traceparent, Instant now, @Nullable UUID claimedBy) {

		/** This message as its dispatcher holds it once stored claimed. */
		ClaimedMessage claimed() {
			return new ClaimedMessage(this.id, this.senderNumber, this.recipient, this.body, this.expiresAt, this.now,
					1, this.traceparent);
		}

	}

	/** A message claimed for submission. */
	record ClaimedMessage(UUID id, String senderNumber, String recipient, String body, Instant expiresAt,
			Instant claimedAt, int attempts, @Nullable String traceparent) {
	}

	/** A message reached a status (to publish on {@code sms-status}). */
	record StatusChange(UUID messageId, SmsDeliveryStatus status, @Nullable String errorCode,
			@Nullable String traceparent) {
	}

}
