/**
 * The ARS verifications on PostgreSQL (R2DBC): the shared row joined with
 * {@code gateway.ars_verifications}, and group commit of accepted requests. The adapter
 * of {@link com.phoneverify.gateway.ars.ArsVerificationStore}.
 */
@NullMarked
package com.phoneverify.gateway.ars.store;

import org.jspecify.annotations.NullMarked;
