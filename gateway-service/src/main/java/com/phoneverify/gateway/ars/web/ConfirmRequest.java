package com.phoneverify.gateway.ars.web;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/ars-verifications/{id}/confirm}.
 *
 * @param code the digits the customer heard
 */
record ConfirmRequest(@Nullable String code) {
}
