/**
 * The small subset of SDP (RFC 4566) and the offer/answer model (RFC 3264) that an audio
 * call with G.711 and telephone-event needs.
 */
@NullMarked
package com.phoneverify.media.sdp;

import org.jspecify.annotations.NullMarked;
