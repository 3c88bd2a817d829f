/**
 * Small helpers that several features share and that hold no business rule: the
 * wake-up-and-drain loop of the background workers, and conversions of database row
 * values.
 */
@NullMarked
package com.phoneverify.gateway.support;

import org.jspecify.annotations.NullMarked;
