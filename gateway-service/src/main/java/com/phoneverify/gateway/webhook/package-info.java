/**
 * Signed webhooks to merchants' callback URLs: a delivery row is written with the final
 * status (same transaction), and the sender POSTs it with a {@code PV-Signature} header,
 * records every attempt, and retries with exponential backoff.
 */
@NullMarked
package com.phoneverify.gateway.webhook;

import org.jspecify.annotations.NullMarked;
