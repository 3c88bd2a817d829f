/**
 * OTP tokens and their verification: a customer's hardware or mobile token, the shared
 * error counter that locks at 10 consecutive failures (over all of a customer's tokens
 * and verifications, and across institutions for a hardware device), and the once-only
 * moving factor. {@code token.store} keeps them in PostgreSQL, secrets sealed.
 */
@NullMarked
package com.phoneverify.otp.token;

import org.jspecify.annotations.NullMarked;
