package com.phoneverify.transfer.consent;

import java.time.Instant;
import java.util.List;

import com.phoneverify.contracts.phone.PhoneNumber;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Keeps the signed evidence of each finished transfer, in the caller's transaction. */
public interface EvidenceLog {

	/**
	 * Appends the evidence document of a transfer that has just reached its final state.
	 * @param remitterName the remitting account's holder name
	 * @param recipientName the receiving account's holder name
	 * @param replySender the number the deciding reply came from, or null when no reply
	 * decided (normal, expired, canceled); for a decision by ARS call, the number called
	 * @param arsCall the transfer's ARS fallback call, or null when none was asked for
	 * @return the signed evidence file (JSON)
	 */
	Mono<String> append(Transfer finished, String remitterName, String recipientName,
			List<TransferStore.ReplyRecord> replies, @Nullable PhoneNumber replySender, @Nullable ArsCall arsCall,
			Instant issuedAt);

}
