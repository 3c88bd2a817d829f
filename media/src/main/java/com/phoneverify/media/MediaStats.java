package com.phoneverify.media;

/**
 * Packet counters of one media session.
 *
 * @param packetsSent RTP packets sent
 * @param packetsReceived well-formed RTP packets received
 * @param packetsLost estimate of incoming packets lost, from sequence numbers (RFC 3550
 * §6.4.1, appendix A.3: expected minus received, never negative)
 * @param packetsOutOfOrder incoming packets older than the highest sequence number seen
 * @param packetsDiscarded incoming datagrams dropped: not RTP, or an unexpected payload
 * type
 * @param framesSentLate outbound packets sent more than half a frame (10 ms) after their
 * deadline
 */
public record MediaStats(long packetsSent, long packetsReceived, long packetsLost, long packetsOutOfOrder,
		long packetsDiscarded, long framesSentLate) {

}
