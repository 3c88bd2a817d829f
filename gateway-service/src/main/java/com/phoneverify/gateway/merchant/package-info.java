/**
 * Merchants and their API credentials: creation (admin API), sealed storage of secrets,
 * and a short-lived in-memory cache of decrypted credentials for the signing hot path.
 */
@NullMarked
package com.phoneverify.gateway.merchant;

import org.jspecify.annotations.NullMarked;
