package com.phoneverify.gateway.verification;

/**
 * The body of {@code POST /v1/ars-verifications/{id}/confirm}.
 *
 * @param code the digits the customer heard
 */
record ConfirmRequest(String code) {
}
