package com.phoneverify.media;

import java.nio.ByteBuffer;
import java.util.Arrays;

import com.phoneverify.media.dtmf.TelephoneEvent;
import com.phoneverify.media.rtp.RtpPacket;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile UDP datagrams for an RTP port: random bytes, RTP headers built field by field
 * with any version, padding, extension, CSRC count, marker, payload type and payload (RFC
 * 4733 events with any event code, flags, volume and duration among them), and
 * well-formed packets with flipped, cut or spliced bytes.
 */
final class RtpDatagrams {

	private RtpDatagrams() {
	}

	static Arbitrary<byte[]> any() {
		return Arbitraries.frequencyOf(Tuple.of(1, randomBytes()), Tuple.of(5, builtHeaders()),
				Tuple.of(3, mutatedPackets()));
	}

	static Arbitrary<byte[]> randomBytes() {
		return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
	}

	/**
	 * Headers assembled field by field, most of them version 2 so that parsing goes deep.
	 */
	static Arbitrary<byte[]> builtHeaders() {
		Arbitrary<Integer> version = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(2)),
				Tuple.of(1, Arbitraries.integers().between(0, 3)));
		Arbitrary<Integer> payloadType = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(101)),
				Tuple.of(2, Arbitraries.of(0, 8)), Tuple.of(1, Arbitraries.integers().between(0, 127)));
		return Builders.withBuilder(Header::new)
			.use(version)
			.in((header, value) -> header.with((h) -> h.version = value))
			.use(Arbitraries.of(true, false))
			.in((header, value) -> header.with((h) -> h.padding = value))
			.use(Arbitraries.of(true, false))
			.in((header, value) -> header.with((h) -> h.extension = value))
			.use(Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0)),
					Tuple.of(1, Arbitraries.integers().between(0, 15))))
			.in((header, value) -> header.with((h) -> h.csrcCount = value))
			.use(Arbitraries.of(true, false))
			.in((header, value) -> header.with((h) -> h.marker = value))
			.use(payloadType)
			.in((header, value) -> header.with((h) -> h.payloadType = value))
			.use(Arbitraries.integers().between(0, 0xFFFF))
			.in((header, value) -> header.with((h) -> h.sequence = value))
			.use(Arbitraries.longs().between(0, 0xFFFF_FFFFL))
			.in((header, value) -> header.with((h) -> h.timestamp = value))
			.use(Arbitraries.longs().between(0, 0xFFFF_FFFFL))
			.in((header, value) -> header.with((h) -> h.ssrc = value))
			.use(Arbitraries.integers().between(0, 0xFFFF))
			.in((header, value) -> header.with((h) -> h.extensionWords = value))
			.use(Arbitraries.integers().between(0, 20))
			.in((header, value) -> header.with((h) -> h.extensionBytesPresent = value))
			.use(payloads())
			.in((header, value) -> header.with((h) -> h.payload = value))
			.use(Arbitraries.integers().between(0, 255))
			.in((header, value) -> header.with((h) -> h.paddingCount = value))
			.build(Header::toBytes);
	}

	/**
	 * Telephone-event payloads with any field values (and redundant blocks), audio, or
	 * junk.
	 */
	static Arbitrary<byte[]> payloads() {
		Arbitrary<byte[]> event = Combinators
			.combine(Arbitraries.integers().between(0, 255), Arbitraries.of(true, false),
					Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 0xFFFF),
					Arbitraries.integers().between(0, 12))
			.as((code, end, flags, duration, extra) -> {
				byte[] block = new byte[4 + extra];
				block[0] = (byte) (int) code;
				block[1] = (byte) ((end ? 0x80 : 0) | (flags & 0x7F));
				block[2] = (byte) (duration >>> 8);
				block[3] = (byte) (int) duration;
				return block;
			});
		Arbitrary<byte[]> audio = Arbitraries.integers().between(0, 320).map((length) -> new byte[length]);
		return Arbitraries.frequencyOf(Tuple.of(6, event), Tuple.of(1, audio), Tuple.of(2, randomBytes()));
	}

	/** A well-formed packet with a few bytes changed, cut off or repeated. */
	static Arbitrary<byte[]> mutatedPackets() {
		Arbitrary<byte[]> valid = Combinators
			.combine(Arbitraries.of(0, 8, 101, 96), Arbitraries.integers().between(0, 0xFFFF),
					Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.integers().between(0, 15),
					Arbitraries.of(true, false))
			.as((pt, seq, ts, key, end) -> new RtpPacket(pt, true, seq, ts, 0x1234_5678L,
					new TelephoneEvent(key, end, 10, 800).toBytes())
				.toBytes());
		Arbitrary<Integer> position = Arbitraries.integers().between(0, 1_000);
		return Combinators
			.combine(valid, position.list().ofMinSize(1).ofMaxSize(4), Arbitraries.bytes(),
					Arbitraries.of("flip", "cut", "repeat", "grow"))
			.as((packet, positions, value, how) -> {
				byte[] bytes = packet;
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
			});
	}

	/** Mutable header fields for the builder; only {@link #toBytes()} leaves it. */
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

		Header with(java.util.function.Consumer<Header> change) {
			change.accept(this);
			return this;
		}

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
