/**
 * The OTP service: verifies HOTP, TOTP and OCRA codes and runs the back-office lifecycle
 * of hardware and mobile OTP tokens (registration, incidents, error counter, inquiries).
 */
@NullMarked
package com.phoneverify.otp;

import org.jspecify.annotations.NullMarked;
