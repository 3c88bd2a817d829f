/**
 * The service's own PostgreSQL schema {@code ars}, through R2DBC: the {@code calls} table
 * behind {@code CallLog} (migrations in {@code db/ars-migration}, applied by Flyway).
 */
@NullMarked
package com.phoneverify.ars.store;

import org.jspecify.annotations.NullMarked;
