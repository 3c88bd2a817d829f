/**
 * Bidirectional RTP media sessions over UDP, paced by one engine thread, with G.711 audio
 * and RFC 4733 keypad events.
 */
@NullMarked
package com.phoneverify.media;

import org.jspecify.annotations.NullMarked;
