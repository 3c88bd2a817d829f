/**
 * A simulated SMSC: an SMPP 3.4 server (jSMPP) with virtual handsets (an inbox per
 * number), delivery receipts, mobile-originated replies from a handset, and switches for
 * throttling, slow responses and disconnects.
 */
@NullMarked
package com.phoneverify.simulators.smsc;

import org.jspecify.annotations.NullMarked;
