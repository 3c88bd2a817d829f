/**
 * One outbound call from dialling to hang-up: the ports to the trunk and to the call's
 * media, the mapping of how a call ended to a {@code CallOutcome}, and the call's
 * timings.
 */
@NullMarked
package com.phoneverify.ars.call;

import org.jspecify.annotations.NullMarked;
