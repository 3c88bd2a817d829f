/**
 * The adapter from the {@code CallMedia} port to the RTP media library: one RTP session
 * per call leg, offered in SDP before the INVITE and connected to the codec the answer
 * negotiated.
 */
@NullMarked
package com.phoneverify.ars.media;

import org.jspecify.annotations.NullMarked;
