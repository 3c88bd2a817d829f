/**
 * The trunk adapter: a SIP user agent client on JAIN-SIP RI. It translates JAIN-SIP
 * callbacks into {@code CallEvent}s and hands them to Reactor (off JAIN-SIP's threads);
 * it decides nothing about scenarios or outcomes.
 * <p>
 * ACK for retransmitted 200 OK (RFC 3261 §13.2.2.4): the stack itself re-sends the last
 * ACK when a 200 repeats after the dialog saw its ACK; any other repeated 200 reaches the
 * listener without a client transaction and is answered with the stored ACK through
 * {@code Dialog.sendAck}.
 */
@NullMarked
package com.phoneverify.ars.trunk.sip;

import org.jspecify.annotations.NullMarked;
