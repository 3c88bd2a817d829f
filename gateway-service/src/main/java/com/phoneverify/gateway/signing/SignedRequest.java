package com.phoneverify.gateway.signing;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;

/**
 * A request whose signature checked out. For unsafe methods (POST) its nonce is not yet
 * recorded: the handler records it in the same transaction as its state change
 * ({@link NonceStore#consume}, or its own statement), so a replay is refused and a failed
 * request leaves nothing behind.
 *
 * @param nonceExpiresAt when the nonce may be forgotten: the signature's timestamp plus
 * the window plus one second, the first instant at which the timestamp alone refuses it
 * (the window check compares whole seconds)
 */
public record SignedRequest(MerchantId merchantId, String keyId, String nonce, Instant nonceExpiresAt) {

	/** The exchange attribute (and {@code @RequestAttribute} name) that holds it. */
	public static final String ATTRIBUTE = "com.phoneverify.gateway.signing.SignedRequest";

	/**
	 * The exchange attribute that holds the body bytes the signature was checked over
	 * ({@code byte[]}, empty for none), so a handler need not buffer the body again.
	 */
	public static final String BODY_ATTRIBUTE = "com.phoneverify.gateway.signing.SignedRequest.body";

}
