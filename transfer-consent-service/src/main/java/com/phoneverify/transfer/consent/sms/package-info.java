/**
 * The SMS adapter: consent and result messages sealed (events key ring) and put in the
 * outbox as {@code sms-requested} on {@code sms-outbound}.
 */
@NullMarked
package com.phoneverify.transfer.consent.sms;

import org.jspecify.annotations.NullMarked;
