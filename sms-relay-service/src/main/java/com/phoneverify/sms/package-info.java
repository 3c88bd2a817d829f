/**
 * The SMS relay: outbound SMS/LMS from {@code sms-outbound} to an SMSC over SMPP 3.4,
 * their delivery status on {@code sms-status}, and mobile-originated replies on
 * {@code consent-replied} or {@code sms-inbound}.
 */
@NullMarked
package com.phoneverify.sms;

import org.jspecify.annotations.NullMarked;
