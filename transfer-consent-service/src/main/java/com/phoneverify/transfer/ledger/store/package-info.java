/**
 * The ledger on PostgreSQL (R2DBC): balances, postings and entries in schema
 * {@code transfer}.
 */
@NullMarked
package com.phoneverify.transfer.ledger.store;

import org.jspecify.annotations.NullMarked;
