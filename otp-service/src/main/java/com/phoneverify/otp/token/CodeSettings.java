package com.phoneverify.otp.token;

import com.phoneverify.otp.algorithm.HmacAlgorithm;

/**
 * How a token computes its codes.
 *
 * @param timeBased TOTP when true, HOTP otherwise
 * @param algorithm the HMAC function
 * @param digits 6 or 8
 * @param stepSeconds the TOTP step (30 or 60); 0 for HOTP
 */
public record CodeSettings(boolean timeBased, HmacAlgorithm algorithm, int digits, int stepSeconds) {
}
