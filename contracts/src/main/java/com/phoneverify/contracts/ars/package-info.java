/**
 * Events between the gateway and the ARS call service: a call is asked for, a call has
 * ended.
 */
@NullMarked
package com.phoneverify.contracts.ars;

import org.jspecify.annotations.NullMarked;
