package com.phoneverify.media.dtmf;

import java.util.Optional;

import com.phoneverify.media.rtp.RtpPacket;

/**
 * Turns the telephone-event packets of one RTP stream into keys, each key exactly once.
 * <p>
 * An event is identified by its RTP timestamp (RFC 4733 §2.5.1.2: every packet of an
 * event, updates and end packets alike, carries the timestamp of the event's start). A
 * key is reported on the first packet of an event whose timestamp is newer than the last
 * reported one, whatever packet that is (the start may be lost; only the end packets may
 * arrive). The repeated end packets (§2.5.1.4), and late or reordered packets of an event
 * already reported, carry a timestamp that is not newer and are ignored. Two presses of
 * the same key are two events with two timestamps and are both reported. "Newer" is
 * decided in 32-bit serial-number arithmetic, so the timestamp may wrap around. A new
 * SSRC starts afresh.
 * <p>
 * Feed it only packets of the negotiated telephone-event payload type. Thread-safe.
 */
public final class DtmfDetector {

	private static final long HALF_TIMESTAMP_SPACE = 1L << 31;

	private boolean anyReported;

	private long lastReportedTimestamp;

	private long ssrc;

	/**
	 * Accepts one telephone-event packet.
	 * @param packet an RTP packet of the telephone-event payload type
	 * @return the key, when this packet is the first seen of a new DTMF event
	 */
	public synchronized Optional<Character> accept(RtpPacket packet) {
		if (packet.payloadLength() < TelephoneEvent.LENGTH) {
			return Optional.empty();
		}
		TelephoneEvent event = TelephoneEvent.parse(packet.payload());
		if (!event.isKey()) {
			return Optional.empty();
		}
		if (this.anyReported && packet.ssrc() == this.ssrc
				&& !isNewer(packet.timestamp(), this.lastReportedTimestamp)) {
			return Optional.empty();
		}
		this.anyReported = true;
		this.ssrc = packet.ssrc();
		this.lastReportedTimestamp = packet.timestamp();
		return Optional.of(event.key());
	}

	/** RFC 1982 serial-number comparison for 32-bit timestamps. */
	static boolean isNewer(long timestamp, long than) {
		long distance = (timestamp - than) & 0xFFFF_FFFFL;
		return distance != 0 && distance < HALF_TIMESTAMP_SPACE;
	}

}
