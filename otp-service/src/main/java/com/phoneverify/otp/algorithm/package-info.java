/**
 * The one-time password algorithms: HOTP (RFC 4226), TOTP (RFC 6238) and OCRA (RFC 6287),
 * their verification windows and the constant-time comparison. Plain Java, no Spring, no
 * I/O.
 */
@NullMarked
package com.phoneverify.otp.algorithm;

import org.jspecify.annotations.NullMarked;
