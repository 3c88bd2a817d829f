/**
 * The SMSC port: what the relay needs from an SMSC (submit one part, tell us about
 * receipts and mobile-originated messages), free of any protocol library.
 */
@NullMarked
package com.phoneverify.sms.smsc;

import org.jspecify.annotations.NullMarked;
