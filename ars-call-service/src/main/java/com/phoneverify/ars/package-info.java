/**
 * The ARS call service: consumes {@code auth-requested}, calls the phone, runs scenario
 * A, B or C, and publishes one {@code call-completed} per request.
 */
@NullMarked
package com.phoneverify.ars;

import org.jspecify.annotations.NullMarked;
