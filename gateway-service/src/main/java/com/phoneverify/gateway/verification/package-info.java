/**
 * The ARS verification: its state and status rules, its HTTP API, its persistence, and
 * the sweeper that expires what nobody finished. Every move to a final status writes a
 * {@link com.phoneverify.contracts.verification.VerificationOutcome} to the outbox (and a
 * webhook delivery) in the same transaction.
 */
@NullMarked
package com.phoneverify.gateway.verification;

import org.jspecify.annotations.NullMarked;
