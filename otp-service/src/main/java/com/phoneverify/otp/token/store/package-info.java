/**
 * Customers and tokens in PostgreSQL over R2DBC; secrets sealed with AES-256-GCM and a
 * key id, and re-sealed under the newest key by
 * {@link com.phoneverify.otp.token.store.SecretRotation}.
 */
@NullMarked
package com.phoneverify.otp.token.store;

import org.jspecify.annotations.NullMarked;
