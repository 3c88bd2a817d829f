package com.phoneverify.simulators.phone.http;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.phoneverify.media.codec.G711;

/**
 * Received G.711 audio as a WAV file: decoded to 16-bit linear PCM, 8 kHz, mono, which
 * every player understands (G.711 WAV format tags 6 and 7 are not universally supported).
 */
final class WavRecording {

	private static final int HEADER_LENGTH = 44;

	private WavRecording() {
	}

	static byte[] toWav(byte[] g711, G711 codec) {
		short[] samples = codec.decode(g711);
		int dataLength = samples.length * 2;
		ByteBuffer wav = ByteBuffer.allocate(HEADER_LENGTH + dataLength).order(ByteOrder.LITTLE_ENDIAN);
		wav.put(ascii("RIFF")).putInt(36 + dataLength).put(ascii("WAVE"));
		wav.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1);
		wav.putInt(G711.SAMPLE_RATE).putInt(G711.SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
		wav.put(ascii("data")).putInt(dataLength);
		for (short sample : samples) {
			wav.putShort(sample);
		}
		return wav.array();
	}

	private static byte[] ascii(String tag) {
		return tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

}
