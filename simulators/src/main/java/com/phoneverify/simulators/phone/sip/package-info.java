/**
 * The SIP edge of the simulated PSTN: a JAIN-SIP user agent server that turns INVITE,
 * ACK, CANCEL and BYE into simulated calls.
 */
@NullMarked
package com.phoneverify.simulators.phone.sip;

import org.jspecify.annotations.NullMarked;
