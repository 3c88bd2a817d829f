/**
 * The telco name-check adapter: a small HTTP JSON API, spoken by the telco simulator too.
 */
@NullMarked
package com.phoneverify.transfer.telco;

import org.jspecify.annotations.NullMarked;
