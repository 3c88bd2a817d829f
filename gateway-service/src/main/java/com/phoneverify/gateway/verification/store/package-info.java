/**
 * The shared read model on PostgreSQL (R2DBC), table {@code gateway.verifications}: the
 * adapter of {@code VerificationStore}.
 */
@NullMarked
package com.phoneverify.gateway.verification.store;

import org.jspecify.annotations.NullMarked;
