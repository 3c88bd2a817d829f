package com.phoneverify.ars.prompt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads the 16-bit PCM WAV files that espeak-ng writes. */
final class Wav {

	final int sampleRate;

	final short[] samples;

	private Wav(int sampleRate, short[] samples) {
		this.sampleRate = sampleRate;
		this.samples = samples;
	}

	/**
	 * Parses a RIFF/WAVE file with 16-bit PCM; multi-channel audio is mixed down to mono.
	 * Tolerates the unknown data length espeak-ng writes when streaming to stdout.
	 */
	static Wav parse(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.length < 12 || !tag(bytes, 0).equals("RIFF") || !tag(bytes, 8).equals("WAVE")) {
			throw new IllegalArgumentException("not a WAV file");
		}
		int at = 12;
		int channels = 0;
		int sampleRate = 0;
		int bits = 0;
		while (at + 8 <= bytes.length) {
			String id = tag(bytes, at);
			int size = buffer.getInt(at + 4);
			int body = at + 8;
			if (id.equals("fmt ")) {
				int format = buffer.getShort(body) & 0xFFFF;
				channels = buffer.getShort(body + 2);
				sampleRate = buffer.getInt(body + 4);
				bits = buffer.getShort(body + 14);
				if (format != 1 || bits != 16) {
					throw new IllegalArgumentException("only 16-bit PCM WAV is supported");
				}
			}
			else if (id.equals("data")) {
				if (channels == 0) {
					throw new IllegalArgumentException("WAV data before its format");
				}
				int available = bytes.length - body;
				int length = (size <= 0 || size > available) ? available : size;
				int frames = length / (2 * channels);
				short[] mono = new short[frames];
				for (int i = 0; i < frames; i++) {
					int sum = 0;
					for (int c = 0; c < channels; c++) {
						sum += buffer.getShort(body + 2 * (i * channels + c));
					}
					mono[i] = (short) (sum / channels);
				}
				return new Wav(sampleRate, mono);
			}
			at = body + size + (size & 1);
		}
		throw new IllegalArgumentException("WAV file without data");
	}

	private static String tag(byte[] bytes, int at) {
		return new String(bytes, at, 4, StandardCharsets.US_ASCII);
	}

}
