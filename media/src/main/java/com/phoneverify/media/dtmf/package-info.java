/**
 * Keypad digits as RFC 4733 telephone events: the payload codec and a detector that
 * reports each key once.
 */
@NullMarked
package com.phoneverify.media.dtmf;

import org.jspecify.annotations.NullMarked;
