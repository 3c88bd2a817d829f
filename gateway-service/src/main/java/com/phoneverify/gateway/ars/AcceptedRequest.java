package com.phoneverify.gateway.ars;

import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.gateway.signing.SignedRequest;

/**
 * Everything one accepted {@code POST /v1/ars-verifications} stores, in one transaction:
 * its nonce, the new verification with the sealed phone, and the {@code auth-requested}
 * outbox message.
 *
 * @param destinationHash keyed hash of the E.164 number, which the per-destination limits
 * count (never the number in clear)
 */
public record AcceptedRequest(SignedRequest signed, ArsVerification verification, SealedValue phone,
		OutboxMessage authRequested, byte[] destinationHash) {
}
