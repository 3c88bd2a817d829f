/**
 * Events of the SMS relay: a service asks for an SMS or LMS to be sent
 * ({@code sms-outbound}), the relay reports how its delivery goes ({@code sms-status}).
 * Both are keyed by the message id. Recipients' numbers and message texts travel sealed
 * with associated data {@code <messageId>/<field>}.
 */
@NullMarked
package com.phoneverify.contracts.sms;

import org.jspecify.annotations.NullMarked;
