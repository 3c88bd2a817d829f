package com.phoneverify.media.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class G711Tests {

	@Test
	void decodesMuLawReferenceValues() {
		assertThat(G711.PCMU.decode((byte) 0x00)).isEqualTo((short) -32124);
		assertThat(G711.PCMU.decode((byte) 0x80)).isEqualTo((short) 32124);
		assertThat(G711.PCMU.decode((byte) 0xFF)).isEqualTo((short) 0);
		assertThat(G711.PCMU.decode((byte) 0x7F)).isEqualTo((short) 0);
		assertThat(G711.PCMU.decode((byte) 0xFE)).isEqualTo((short) 8);
	}

	@Test
	void encodesMuLawReferenceValues() {
		assertThat(G711.PCMU.encode((short) 0)).isEqualTo((byte) 0xFF);
		assertThat(G711.PCMU.encode((short) -32124)).isEqualTo((byte) 0x00);
		assertThat(G711.PCMU.encode((short) 32767)).isEqualTo((byte) 0x80);
		assertThat(G711.PCMU.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
	}

	@Test
	void decodesALawReferenceValues() {
		assertThat(G711.PCMA.decode((byte) 0xD5)).isEqualTo((short) 8);
		assertThat(G711.PCMA.decode((byte) 0x55)).isEqualTo((short) -8);
		assertThat(G711.PCMA.decode((byte) 0xAA)).isEqualTo((short) 32256);
		assertThat(G711.PCMA.decode((byte) 0x2A)).isEqualTo((short) -32256);
	}

	@Test
	void encodesALawReferenceValues() {
		assertThat(G711.PCMA.encode((short) 0)).isEqualTo((byte) 0xD5);
		assertThat(G711.PCMA.encode((short) 32767)).isEqualTo((byte) 0xAA);
		assertThat(G711.PCMA.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
	}

	@Test
	void silenceIsTheEncodedZeroSample() {
		assertThat(G711.PCMU.silence()).isEqualTo((byte) 0xFF);
		assertThat(G711.PCMA.silence()).isEqualTo((byte) 0xD5);
	}

	@Test
	void everyCodeSurvivesDecodeThenEncode() {
		for (G711 law : G711.values()) {
			for (int code = 0; code < 256; code++) {
				byte sample = (byte) code;
				short linear = law.decode(sample);
				// μ-law has two codes for zero (0x7F and 0xFF); both decode to 0, which
				// encodes to 0xFF
				byte expected = (law == G711.PCMU && code == 0x7F) ? (byte) 0xFF : sample;
				assertThat(law.encode(linear)).as("%s code %02x", law, code).isEqualTo(expected);
			}
		}
	}

	@Test
	void roundTripErrorStaysWithinHalfAQuantizationStep() {
		for (G711 law : G711.values()) {
			for (int value = Short.MIN_VALUE; value <= Short.MAX_VALUE; value += 7) {
				short linear = (short) value;
				int error = Math.abs(law.decode(law.encode(linear)) - value);
				// the step doubles per segment: ≤ 1/16 of the magnitude plus the smallest
				// step;
				// large values also lose what lies beyond the clipping level
				int allowed = Math.abs(value) / 16 + 16 + Math.max(0, Math.abs(value) - 32124);
				assertThat(error).as("%s at %d", law, value).isLessThanOrEqualTo(allowed);
			}
		}
	}

	@Test
	void encodesAndDecodesBlocks() {
		short[] linear = { 0, 1000, -1000, 30000 };

		short[] decoded = G711.PCMA.decode(G711.PCMA.encode(linear));

		assertThat(decoded).hasSize(4);
		assertThat(decoded[1]).isBetween((short) 900, (short) 1100);
		assertThat(decoded[2]).isBetween((short) -1100, (short) -900);
	}

	@Test
	void findsLawsByPayloadTypeAndName() {
		assertThat(G711.forPayloadType(0)).contains(G711.PCMU);
		assertThat(G711.forPayloadType(8)).contains(G711.PCMA);
		assertThat(G711.forPayloadType(18)).isEmpty();
		assertThat(G711.forEncodingName("pcma")).contains(G711.PCMA);
		assertThat(G711.PCMU.rtpmap()).isEqualTo("PCMU/8000");
	}

}
