/**
 * The OTP product in the gateway: {@code /v1/otp/**}, signed and merchant-scoped like
 * every {@code /v1} route, forwarded synchronously to otp-service's internal API through
 * the {@link com.phoneverify.gateway.otp.OtpBackOffice} port. Synchronous on purpose: a
 * teller registering a token or resetting an error count needs the answer now, not an
 * event later (docs/design.md, "OTP: the synchronous path").
 */
@NullMarked
package com.phoneverify.gateway.otp;

import org.jspecify.annotations.NullMarked;
