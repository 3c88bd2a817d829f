/**
 * G.711 μ-law and A-law sample codecs (ITU-T G.711, RTP payload types of RFC 3551).
 */
@NullMarked
package com.phoneverify.media.codec;

import org.jspecify.annotations.NullMarked;
