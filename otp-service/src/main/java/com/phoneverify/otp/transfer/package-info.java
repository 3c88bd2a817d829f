/**
 * The Kafka edge of transfer use: answers each {@code otp-verification-requested} once
 * with an {@code otp-verified} (idempotent consumer, outbox in the same transaction).
 * Other services verify a customer's OTP, or an OCRA code bound to a transfer, without
 * calling otp-service synchronously.
 */
@NullMarked
package com.phoneverify.otp.transfer;

import org.jspecify.annotations.NullMarked;
