/**
 * 2-WAY transfers as a product of the gateway: the merchant (a bank channel) requests a
 * transfer, transfer-consent-service asks the recipient by SMS and moves the money once
 * they agree; the gateway keeps the verification in the one status vocabulary, publishes
 * the outcome and the webhook like every product, and serves the signed evidence.
 * Requests go out as {@code transfer-requested} and {@code transfer-cancel-requested}
 * through the outbox; results come back as {@code transfer-completed}.
 */
@NullMarked
package com.phoneverify.gateway.transfer;

import org.jspecify.annotations.NullMarked;
