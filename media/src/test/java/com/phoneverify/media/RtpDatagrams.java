package com.phoneverify.media;

import com.phoneverify.contracts.Fuzz;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import com.phoneverify.media.dtmf.TelephoneEvent;
import com.phoneverify.media.rtp.RtpPacket;

/**
 * Hostile UDP datagrams for an RTP port: random bytes, RTP headers built field by field
 * with any version, padding, extension, CSRC count, marker, payload type and payload (RFC
 * 4733 events with any event code, flags, volume and duration among them), and
 * well-formed packets with flipped, cut or spliced bytes.
 */
final class RtpDatagrams {

	private RtpDatagrams() {
	}

	static byte[] any(Fuzz fuzz) {
		return switch (fuzz.weighted(1, 5, 3)) {
			case 0 -> randomBytes(fuzz);
			case 1 -> builtHeader(fuzz);
			default -> mutatedPacket(fuzz);
		};
	}

	static byte[] randomBytes(Fuzz fuzz) {
		return fuzz.bytes(400);
	}

	/**
	 * A header assembled field by field, most of them version 2 so that parsing goes
	 * deep.
	 */
	static byte[] builtHeader(Fuzz fuzz) {
		Header header = new Header();
		header.version = (fuzz.weighted(9, 1) == 0) ? 2 : fuzz.between(0, 3);
		header.padding = fuzz.bool();
		header.extension = fuzz.bool();
		header.csrcCount = (fuzz.weighted(4, 1) == 0) ? 0 : fuzz.between(0, 15);
		header.marker = fuzz.bool();
		header.payloadType = switch (fuzz.weighted(6, 2, 1)) {
			case 0 -> 101;
			case 1 -> fuzz.pick(0, 8);
			default -> fuzz.between(0, 127);
		};
		header.sequence = fuzz.between(0, 0xFFFF);
		header.timestamp = fuzz.between(0, 0xFFFF_FFFFL);
		header.ssrc = fuzz.between(0, 0xFFFF_FFFFL);
		header.extensionWords = fuzz.between(0, 0xFFFF);
		header.extensionBytesPresent = fuzz.between(0, 20);
		header.payload = payload(fuzz);
		header.paddingCount = fuzz.between(0, 255);
		return header.toBytes();
	}

	/**
	 * A telephone-event payload with any field values (and redundant blocks), audio, or
	 * junk.
	 */
	static byte[] payload(Fuzz fuzz) {
		return switch (fuzz.weighted(6, 1, 2)) {
			case 0 -> {
				int duration = fuzz.between(0, 0xFFFF);
				byte[] block = new byte[4 + fuzz.between(0, 12)];
				block[0] = (byte) fuzz.between(0, 255);
				block[1] = (byte) ((fuzz.bool() ? 0x80 : 0) | (fuzz.between(0, 255) & 0x7F));
				block[2] = (byte) (duration >>> 8);
				block[3] = (byte) duration;
				yield block;
			}
			case 1 -> new byte[fuzz.between(0, 320)];
			default -> randomBytes(fuzz);
		};
	}

	/** A well-formed packet with a few bytes changed, cut off or repeated. */
	static byte[] mutatedPacket(Fuzz fuzz) {
		byte[] bytes = new RtpPacket(fuzz.pick(0, 8, 101, 96), true, fuzz.between(0, 0xFFFF),
				fuzz.between(0, 0xFFFF_FFFFL), 0x1234_5678L,
				new TelephoneEvent(fuzz.between(0, 15), fuzz.bool(), 10, 800).toBytes())
			.toBytes();
		List<Integer> positions = fuzz.list(1, 4, () -> fuzz.between(0, 1_000));
		byte value = fuzz.anyByte();
		String how = fuzz.pick("flip", "cut", "repeat", "grow");
		for (int at : positions) {
			int index = at % bytes.length;
			bytes = switch (how) {
				case "flip" -> {
					byte[] copy = bytes.clone();
					copy[index] = value;
					yield copy;
				}
				case "cut" -> Arrays.copyOf(bytes, Math.max(1, index));
				case "repeat" -> ByteBuffer.allocate(bytes.length * 2).put(bytes).put(bytes).array();
				default -> Arrays.copyOf(bytes, bytes.length + at % 64);
			};
		}
		return bytes;
	}

	/** Header fields, set one by one; only {@link #toBytes()} leaves this class. */
	static final class Header {

		int version;

		boolean padding;

		boolean extension;

		int csrcCount;

		boolean marker;

		int payloadType;

		int sequence;

		long timestamp;

		long ssrc;

		int extensionWords;

		int extensionBytesPresent;

		byte[] payload = new byte[0];

		int paddingCount;

		byte[] toBytes() {
			int extensionLength = this.extension ? 4 + this.extensionBytesPresent : 0;
			int paddingLength = this.padding ? Math.min(this.paddingCount, 40) : 0;
			ByteBuffer out = ByteBuffer
				.allocate(12 + 4 * this.csrcCount + extensionLength + this.payload.length + paddingLength);
			out.put((byte) ((this.version << 6) | (this.padding ? 0x20 : 0) | (this.extension ? 0x10 : 0)
					| this.csrcCount));
			out.put((byte) ((this.marker ? 0x80 : 0) | this.payloadType));
			out.putShort((short) this.sequence);
			out.putInt((int) this.timestamp);
			out.putInt((int) this.ssrc);
			for (int i = 0; i < this.csrcCount; i++) {
				out.putInt(i);
			}
			if (this.extension) {
				// the length field may claim far more words than follow
				out.putShort((short) 0xBEDE);
				out.putShort((short) this.extensionWords);
				out.put(new byte[this.extensionBytesPresent]);
			}
			out.put(this.payload);
			if (paddingLength > 0) {
				out.put(new byte[paddingLength - 1]);
				// the count may be zero, or larger than the packet
				out.put((byte) this.paddingCount);
			}
			return out.array();
		}

	}

}
