/**
 * Simulated calls and the rules that decide how a dialed number behaves; no protocol
 * types.
 */
@NullMarked
package com.phoneverify.simulators.phone.call;

import org.jspecify.annotations.NullMarked;
