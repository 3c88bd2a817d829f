/**
 * The HTTP control API of the phone simulator: list calls, arm keys, press keys, hang up
 * and download recordings.
 */
@NullMarked
package com.phoneverify.simulators.phone.http;

import org.jspecify.annotations.NullMarked;
