package com.phoneverify.media;

/**
 * Packet counters of one media session.
 *
 * @param packetsSent RTP packets sent
 * @param packetsReceived well-formed RTP packets received from the peer
 * @param packetsLost estimate of incoming packets lost, from sequence numbers (RFC 3550
 * §6.4.1, appendix A.3: expected minus received, never negative)
 * @param packetsOutOfOrder incoming packets older than the highest sequence number seen
 * @param packetsDiscarded incoming datagrams dropped: not RTP, or an unexpected payload
 * type
 * @param framesSentLate outbound packets sent more than half a frame (10 ms) after their
 * deadline
 * @param packetsFromStrangers incoming datagrams dropped unread because they came from a
 * source other than the peer (see {@link MediaEngineOptions#latchToFirstSource()}),
 * including every datagram before {@link MediaSession#connect}; counted in no other field
 */
public record MediaStats(long packetsSent, long packetsReceived, long packetsLost, long packetsOutOfOrder,
		long packetsDiscarded, long framesSentLate, long packetsFromStrangers) {

}
