package com.phoneverify.otp.token;

import com.phoneverify.otp.channel.CustomerKind;

/**
 * A customer as this service knows them: by blind index only.
 *
 * @param key HMAC-SHA256 of the real-name id under the lookup key (the id is not stored)
 * @param kind domestic individual, foreigner or corporation
 * @param securityCard whether the customer uses a security card (exclusive with OTP)
 * @param failures consecutive verification failures over all the customer's tokens
 */
public record Customer(String key, CustomerKind kind, boolean securityCard, int failures) {
}
