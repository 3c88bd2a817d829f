/**
 * Events of OTP verification for other services (transfer-consent-service): a request to
 * verify a customer's OTP or transfer-bound OCRA code
 * ({@code otp-verification-requested}) and its answer ({@code otp-verified}), both keyed
 * by the request id.
 */
@NullMarked
package com.phoneverify.contracts.otp;

import org.jspecify.annotations.NullMarked;
