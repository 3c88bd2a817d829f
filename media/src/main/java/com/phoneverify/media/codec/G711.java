package com.phoneverify.media.codec;

import java.util.Optional;

/**
 * G.711 at 8 kHz, one byte per sample: μ-law ({@link #PCMU}, static RTP payload type 0)
 * and A-law ({@link #PCMA}, payload type 8), RFC 3551 §4.5.14 and table 4.
 * <p>
 * Linear samples are signed 16-bit PCM. The conversions follow the classic segment
 * algorithm of ITU-T G.711 (as in the public-domain Sun reference implementation); they
 * are stateless and thread-safe.
 */
public enum G711 {

	/** μ-law, payload type 0, {@code PCMU/8000}. */
	PCMU(0, "PCMU") {
		@Override
		public byte encode(short linear) {
			int pcm = linear;
			int sign = 0;
			if (pcm < 0) {
				pcm = -pcm;
				sign = 0x80;
			}
			pcm = Math.min(pcm, MULAW_CLIP) + MULAW_BIAS;
			int exponent = 31 - Integer.numberOfLeadingZeros(pcm >> 7);
			int mantissa = (pcm >> (exponent + 3)) & 0x0F;
			return (byte) ~(sign | (exponent << 4) | mantissa);
		}

		@Override
		public short decode(byte sample) {
			int u = ~sample & 0xFF;
			int magnitude = (((u & 0x0F) << 3) + MULAW_BIAS) << ((u & 0x70) >> 4);
			return (short) (((u & 0x80) != 0) ? (MULAW_BIAS - magnitude) : (magnitude - MULAW_BIAS));
		}
	},

	/** A-law, payload type 8, {@code PCMA/8000}. */
	PCMA(8, "PCMA") {
		@Override
		public byte encode(short linear) {
			int pcm = linear >> 3;
			int mask;
			if (pcm >= 0) {
				mask = 0xD5;
			}
			else {
				mask = 0x55;
				pcm = -pcm - 1;
			}
			int segment = 0;
			while (segment < 8 && pcm > ALAW_SEGMENT_END[segment]) {
				segment++;
			}
			if (segment == 8) {
				return (byte) (0x7F ^ mask);
			}
			int value = segment << 4;
			value |= (segment < 2) ? ((pcm >> 1) & 0x0F) : ((pcm >> segment) & 0x0F);
			return (byte) (value ^ mask);
		}

		@Override
		public short decode(byte sample) {
			int a = (sample & 0xFF) ^ 0x55;
			int magnitude = (a & 0x0F) << 4;
			int segment = (a & 0x70) >> 4;
			switch (segment) {
				case 0 -> magnitude += 8;
				case 1 -> magnitude += 0x108;
				default -> magnitude = (magnitude + 0x108) << (segment - 1);
			}
			return (short) (((a & 0x80) != 0) ? magnitude : -magnitude);
		}
	};

	/** Samples per second of both laws and of the RTP clock. */
	public static final int SAMPLE_RATE = 8000;

	private static final int MULAW_BIAS = 0x84;

	private static final int MULAW_CLIP = 32635;

	private static final int[] ALAW_SEGMENT_END = { 0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF };

	private final int payloadType;

	private final String encodingName;

	G711(int payloadType, String encodingName) {
		this.payloadType = payloadType;
		this.encodingName = encodingName;
	}

	/** The static RTP payload type (RFC 3551 table 4). */
	public int payloadType() {
		return this.payloadType;
	}

	/** The encoding name used in SDP {@code a=rtpmap}, e.g. {@code PCMU}. */
	public String encodingName() {
		return this.encodingName;
	}

	/** The {@code a=rtpmap} value after the payload type, e.g. {@code PCMU/8000}. */
	public String rtpmap() {
		return this.encodingName + "/" + SAMPLE_RATE;
	}

	/** Encodes one signed 16-bit sample. */
	public abstract byte encode(short linear);

	/** Decodes one sample to signed 16-bit PCM. */
	public abstract short decode(byte sample);

	/** Encodes a block of samples into a new array of the same length. */
	public byte[] encode(short[] linear) {
		byte[] out = new byte[linear.length];
		for (int i = 0; i < linear.length; i++) {
			out[i] = encode(linear[i]);
		}
		return out;
	}

	/** Decodes a block of samples into a new array of the same length. */
	public short[] decode(byte[] samples) {
		short[] out = new short[samples.length];
		for (int i = 0; i < samples.length; i++) {
			out[i] = decode(samples[i]);
		}
		return out;
	}

	/** The encoded zero sample: {@code 0xFF} for μ-law, {@code 0xD5} for A-law. */
	public byte silence() {
		return encode((short) 0);
	}

	/** The law with this static payload type, if any. */
	public static Optional<G711> forPayloadType(int payloadType) {
		for (G711 law : values()) {
			if (law.payloadType == payloadType) {
				return Optional.of(law);
			}
		}
		return Optional.empty();
	}

	/** The law with this SDP encoding name (case-insensitive, RFC 4566 §6), if any. */
	public static Optional<G711> forEncodingName(String name) {
		for (G711 law : values()) {
			if (law.encodingName.equalsIgnoreCase(name)) {
				return Optional.of(law);
			}
		}
		return Optional.empty();
	}

}
