/**
 * The verification read model that every product shares: id, merchant, product, status in
 * the one vocabulary, reason, timestamps, expiry and tenancy (table
 * {@code gateway.verifications}).
 * {@link com.phoneverify.gateway.verification.Verifications} ends a verification with its
 * {@code verification-outcomes} event and its webhook in one transaction, and expires
 * what nobody finished. Each product (ARS in {@code gateway.ars}) adds a package with its
 * routes, its details and its events.
 */
@NullMarked
package com.phoneverify.gateway.verification;

import org.jspecify.annotations.NullMarked;
