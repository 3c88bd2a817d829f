/**
 * The RTP fixed header and packet codec of RFC 3550 §5.1.
 */
@NullMarked
package com.phoneverify.media.rtp;

import org.jspecify.annotations.NullMarked;
