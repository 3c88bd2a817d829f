/**
 * The R2DBC adapter of the outbound and inbound stores (schema {@code sms}, PostgreSQL).
 */
@NullMarked
package com.phoneverify.sms.store;

import org.jspecify.annotations.NullMarked;
