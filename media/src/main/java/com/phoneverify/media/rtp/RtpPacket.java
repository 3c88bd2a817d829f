package com.phoneverify.media.rtp;

import java.util.Arrays;

/**
 * One RTP packet: the fixed header fields we use and the payload (RFC 3550 §5.1).
 * <p>
 * Values are unsigned and range-checked: {@code payloadType} 0–127,
 * {@code sequenceNumber} 0–65535, {@code timestamp} and {@code ssrc} 0–2³²−1. The payload
 * array is copied on the way in and out, so instances are immutable and thread-safe.
 *
 * @param payloadType the RTP payload type (7 bits)
 * @param marker the marker bit (first packet of a talkspurt or of an RFC 4733 event)
 * @param sequenceNumber the 16-bit sequence number
 * @param timestamp the 32-bit media timestamp (8 kHz clock for G.711 and telephone-event)
 * @param ssrc the 32-bit synchronization source identifier
 * @param payload the payload bytes
 */
public record RtpPacket(int payloadType, boolean marker, int sequenceNumber, long timestamp, long ssrc,
		byte[] payload) {

	/** Length of the fixed header without CSRC list or extension. */
	public static final int HEADER_LENGTH = 12;

	private static final int VERSION = 2;

	private static final long MAX_UINT32 = 0xFFFF_FFFFL;

	public RtpPacket {
		if (payloadType < 0 || payloadType > 127) {
			throw new IllegalArgumentException("payload type out of range: " + payloadType);
		}
		if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
			throw new IllegalArgumentException("sequence number out of range: " + sequenceNumber);
		}
		if (timestamp < 0 || timestamp > MAX_UINT32) {
			throw new IllegalArgumentException("timestamp out of range: " + timestamp);
		}
		if (ssrc < 0 || ssrc > MAX_UINT32) {
			throw new IllegalArgumentException("ssrc out of range: " + ssrc);
		}
		payload = payload.clone();
	}

	@Override
	public byte[] payload() {
		return this.payload.clone();
	}

	/** The payload length in bytes, without copying the payload. */
	public int payloadLength() {
		return this.payload.length;
	}

	/**
	 * Encodes the packet: version 2, no padding, no extension, no CSRC (RFC 3550 §5.1).
	 * @return a new array with header and payload
	 */
	public byte[] toBytes() {
		byte[] out = new byte[HEADER_LENGTH + this.payload.length];
		out[0] = (byte) (VERSION << 6);
		out[1] = (byte) ((this.marker ? 0x80 : 0) | this.payloadType);
		out[2] = (byte) (this.sequenceNumber >>> 8);
		out[3] = (byte) this.sequenceNumber;
		writeUint32(out, 4, this.timestamp);
		writeUint32(out, 8, this.ssrc);
		System.arraycopy(this.payload, 0, out, HEADER_LENGTH, this.payload.length);
		return out;
	}

	/**
	 * Parses a packet, skipping any CSRC list and header extension and removing padding.
	 * @param buf the buffer holding the datagram
	 * @param offset where the packet starts
	 * @param length the datagram length
	 * @return the packet
	 * @throws IllegalArgumentException if the bytes are not a well-formed RTP version 2
	 * packet
	 */
	public static RtpPacket parse(byte[] buf, int offset, int length) {
		if (offset < 0 || length < 0 || offset + length > buf.length) {
			throw new IllegalArgumentException("range outside the buffer");
		}
		if (length < HEADER_LENGTH) {
			throw new IllegalArgumentException("shorter than the RTP fixed header: " + length + " bytes");
		}
		int first = buf[offset] & 0xFF;
		if (first >>> 6 != VERSION) {
			throw new IllegalArgumentException("not RTP version 2: " + (first >>> 6));
		}
		boolean padding = (first & 0x20) != 0;
		boolean extension = (first & 0x10) != 0;
		int csrcCount = first & 0x0F;
		int second = buf[offset + 1] & 0xFF;
		int headerLength = HEADER_LENGTH + 4 * csrcCount;
		if (extension) {
			// RFC 3550 §5.3.1: 16-bit profile field, 16-bit length in 32-bit words
			if (length < headerLength + 4) {
				throw new IllegalArgumentException("truncated header extension");
			}
			int words = ((buf[offset + headerLength + 2] & 0xFF) << 8) | (buf[offset + headerLength + 3] & 0xFF);
			headerLength += 4 + 4 * words;
		}
		if (length < headerLength) {
			throw new IllegalArgumentException("truncated header: " + length + " < " + headerLength);
		}
		int payloadEnd = length;
		if (padding) {
			// RFC 3550 §5.1: the last octet counts the padding octets, itself included
			int paddingLength = buf[offset + length - 1] & 0xFF;
			if (paddingLength == 0 || paddingLength > length - headerLength) {
				throw new IllegalArgumentException("invalid padding length: " + paddingLength);
			}
			payloadEnd -= paddingLength;
		}
		int sequence = ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF);
		long timestamp = readUint32(buf, offset + 4);
		long ssrc = readUint32(buf, offset + 8);
		byte[] payload = Arrays.copyOfRange(buf, offset + headerLength, offset + payloadEnd);
		return new RtpPacket(second & 0x7F, (second & 0x80) != 0, sequence, timestamp, ssrc, payload);
	}

	private static void writeUint32(byte[] out, int at, long value) {
		out[at] = (byte) (value >>> 24);
		out[at + 1] = (byte) (value >>> 16);
		out[at + 2] = (byte) (value >>> 8);
		out[at + 3] = (byte) value;
	}

	private static long readUint32(byte[] buf, int at) {
		return ((long) (buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8)
				| (buf[at + 3] & 0xFF);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RtpPacket that && this.payloadType == that.payloadType && this.marker == that.marker
				&& this.sequenceNumber == that.sequenceNumber && this.timestamp == that.timestamp
				&& this.ssrc == that.ssrc && Arrays.equals(this.payload, that.payload);
	}

	@Override
	public int hashCode() {
		return 31 * Long.hashCode(this.timestamp ^ (this.ssrc << 16) ^ this.sequenceNumber)
				+ Arrays.hashCode(this.payload);
	}

	@Override
	public String toString() {
		return "RtpPacket[pt=" + this.payloadType + ", marker=" + this.marker + ", seq=" + this.sequenceNumber + ", ts="
				+ this.timestamp + ", ssrc=" + Long.toHexString(this.ssrc) + ", payload=" + this.payload.length
				+ " bytes]";
	}

}
