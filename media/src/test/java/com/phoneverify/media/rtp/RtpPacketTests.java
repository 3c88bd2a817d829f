package com.phoneverify.media.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RtpPacketTests {

	@Test
	void roundTripsEveryHeaderFieldAndThePayload() {
		RtpPacket packet = new RtpPacket(101, true, 65535, 0xFFFF_FFFEL, 0xDEAD_BEEFL, new byte[] { 1, 2, 3 });

		byte[] bytes = packet.toBytes();
		RtpPacket parsed = RtpPacket.parse(bytes, 0, bytes.length);

		assertThat(parsed).isEqualTo(packet);
		assertThat(parsed.marker()).isTrue();
		assertThat(parsed.sequenceNumber()).isEqualTo(65535);
		assertThat(parsed.timestamp()).isEqualTo(0xFFFF_FFFEL);
		assertThat(parsed.ssrc()).isEqualTo(0xDEAD_BEEFL);
		assertThat(parsed.payload()).containsExactly(1, 2, 3);
	}

	@Test
	void writesVersionTwoWithoutPaddingExtensionOrCsrc() {
		byte[] bytes = new RtpPacket(0, false, 1, 160, 7, new byte[160]).toBytes();

		assertThat(bytes).hasSize(12 + 160);
		assertThat(bytes[0]).isEqualTo((byte) 0x80);
		assertThat(bytes[1]).isEqualTo((byte) 0x00);
	}

	@Test
	void parsesAtAnOffsetAndSkipsCsrcExtensionAndPadding() {
		byte[] datagram = { 9, 9, // junk before the packet
				(byte) 0xB1, 8, 0, 5, 0, 0, 0, 10, 0, 0, 0, 20, // V=2 P=1 X=1 CC=1
				0, 0, 0, 1, // CSRC
				0x12, 0x34, 0, 1, 0, 0, 0, 0, // extension header, one word
				42, 43, // payload
				0, 0, 3 // padding of three octets
		};

		RtpPacket packet = RtpPacket.parse(datagram, 2, datagram.length - 2);

		assertThat(packet.payloadType()).isEqualTo(8);
		assertThat(packet.sequenceNumber()).isEqualTo(5);
		assertThat(packet.payload()).containsExactly(42, 43);
	}

	@Test
	void rejectsMalformedPackets() {
		byte[] good = new RtpPacket(0, false, 1, 1, 1, new byte[4]).toBytes();
		byte[] wrongVersion = good.clone();
		wrongVersion[0] = (byte) 0x40;
		byte[] manyCsrc = good.clone();
		manyCsrc[0] = (byte) 0x8F;
		byte[] badPadding = good.clone();
		badPadding[0] = (byte) 0xA0;
		badPadding[badPadding.length - 1] = 100;

		assertThatIllegalArgumentException().isThrownBy(() -> RtpPacket.parse(good, 0, 11));
		assertThatIllegalArgumentException().isThrownBy(() -> RtpPacket.parse(wrongVersion, 0, wrongVersion.length));
		assertThatIllegalArgumentException().isThrownBy(() -> RtpPacket.parse(manyCsrc, 0, manyCsrc.length));
		assertThatIllegalArgumentException().isThrownBy(() -> RtpPacket.parse(badPadding, 0, badPadding.length));
		assertThatIllegalArgumentException().isThrownBy(() -> RtpPacket.parse(good, 4, good.length));
	}

	@Test
	void rejectsOutOfRangeFields() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RtpPacket(128, false, 0, 0, 0, new byte[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> new RtpPacket(0, false, 65536, 0, 0, new byte[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> new RtpPacket(0, false, 0, 1L << 32, 0, new byte[0]));
	}

	@Test
	void isImmutableDespiteTheArrayPayload() {
		byte[] payload = { 1 };
		RtpPacket packet = new RtpPacket(0, false, 0, 0, 0, payload);
		payload[0] = 2;
		packet.payload()[0] = 3;

		assertThat(packet.payload()).containsExactly(1);
	}

}
