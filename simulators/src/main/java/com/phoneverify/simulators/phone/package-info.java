/**
 * A simulated PSTN: many phones behind one SIP user agent server, answering by
 * dialed-number rules, with real RTP media and keypad digits.
 */
@NullMarked
package com.phoneverify.simulators.phone;

import org.jspecify.annotations.NullMarked;
