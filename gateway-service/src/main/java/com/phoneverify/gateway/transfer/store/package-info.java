/**
 * Transfer verifications on PostgreSQL: {@code gateway.transfer_verifications} beside the
 * shared read model.
 */
@NullMarked
package com.phoneverify.gateway.transfer.store;

import org.jspecify.annotations.NullMarked;
