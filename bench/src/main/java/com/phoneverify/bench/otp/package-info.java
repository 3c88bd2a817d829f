/**
 * JMH benchmarks of OTP verification (otp-service's {@code algorithm} package): HOTP,
 * TOTP and OCRA, one thread, no I/O. Run with {@code org.openjdk.jmh.Main 'bench.otp'}
 * (README).
 */
@NullMarked
package com.phoneverify.bench.otp;

import org.jspecify.annotations.NullMarked;
