package com.phoneverify.ars.call;

import java.util.List;

/**
 * Mono audio at 8 kHz as signed 16-bit samples, ready to be encoded in the call's codec.
 * Immutable.
 */
public final class AudioClip {

	/** Samples per second. */
	public static final int SAMPLE_RATE = 8000;

	private final short[] samples;

	private AudioClip(short[] samples) {
		this.samples = samples;
	}

	public static AudioClip of(short[] samples) {
		return new AudioClip(samples.clone());
	}

	/** {@code millis} of silence. */
	public static AudioClip silence(int millis) {
		return new AudioClip(new short[SAMPLE_RATE * millis / 1000]);
	}

	/** The clips one after the other. */
	public static AudioClip concat(List<AudioClip> clips) {
		int length = clips.stream().mapToInt((clip) -> clip.samples.length).sum();
		short[] joined = new short[length];
		int at = 0;
		for (AudioClip clip : clips) {
			System.arraycopy(clip.samples, 0, joined, at, clip.samples.length);
			at += clip.samples.length;
		}
		return new AudioClip(joined);
	}

	/** A copy of the samples. */
	public short[] samples() {
		return this.samples.clone();
	}

	public int length() {
		return this.samples.length;
	}

	public long durationMillis() {
		return this.samples.length * 1000L / SAMPLE_RATE;
	}

	@Override
	public String toString() {
		return "AudioClip[" + durationMillis() + " ms]";
	}

}
