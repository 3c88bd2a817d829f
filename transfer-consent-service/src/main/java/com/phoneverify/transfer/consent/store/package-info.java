/** Transfers, replies and SMS on PostgreSQL (R2DBC). */
@NullMarked
package com.phoneverify.transfer.consent.store;

import org.jspecify.annotations.NullMarked;
