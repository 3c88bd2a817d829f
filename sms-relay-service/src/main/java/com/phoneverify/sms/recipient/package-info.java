/**
 * Recipients' numbers as lookup keys: an HMAC, so limits and reply matching work without
 * a number in clear in the database.
 */
@NullMarked
package com.phoneverify.sms.recipient;

import org.jspecify.annotations.NullMarked;
