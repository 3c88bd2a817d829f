/**
 * Personal data that must cross a topic (a phone number, a code, a message text) travels
 * sealed with AES-256-GCM under a named key, so a key can rotate while old events stay
 * readable.
 */
@NullMarked
package com.phoneverify.contracts.sealed;

import org.jspecify.annotations.NullMarked;
