/**
 * The SMSC port on SMPP 3.4 (jSMPP): one transceiver session, enquire_link, rebinding
 * with backoff, submit_sm, and deliver_sm (receipts and MOs) handed to the domain.
 */
@NullMarked
package com.phoneverify.sms.smpp;

import org.jspecify.annotations.NullMarked;
