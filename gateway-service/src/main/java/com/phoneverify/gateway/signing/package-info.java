/**
 * Authentication of merchant requests: every {@code /v1/**} request carries a
 * {@link com.phoneverify.contracts.http.RequestSignature}; the filter checks it against
 * the merchant's secret, the clock window and the nonces seen, and hands the controller
 * the {@link com.phoneverify.gateway.signing.SignedRequest}.
 */
@NullMarked
package com.phoneverify.gateway.signing;

import org.jspecify.annotations.NullMarked;
