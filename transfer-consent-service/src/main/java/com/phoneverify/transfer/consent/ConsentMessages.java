package com.phoneverify.transfer.consent;

import java.time.Instant;

import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.phone.PhoneNumber;
import reactor.core.publisher.Mono;

/**
 * The SMS this service sends through sms-relay-service: enqueued in the caller's
 * transaction (transactional outbox), sent once it commits.
 */
public interface ConsentMessages {

	/**
	 * @param replyFor the transfer whose reply is expected, or null for a notice
	 * @param expiresAt not sent after this instant
	 */
	Mono<SmsMessageId> send(PhoneNumber to, String text, TransferId transfer, boolean expectsReply, Instant expiresAt);

	/** Tells the relay that messages were committed (call after the commit). */
	void committed();

}
