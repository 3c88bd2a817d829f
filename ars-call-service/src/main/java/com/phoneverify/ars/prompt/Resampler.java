package com.phoneverify.ars.prompt;

/**
 * Sample-rate conversion of 16-bit mono audio with a windowed-sinc low-pass filter
 * (Blackman window), good enough for speech going to an 8 kHz telephone channel.
 */
final class Resampler {

	/** Zero crossings of the sinc on each side of a sample. */
	private static final int HALF_TAPS = 16;

	private Resampler() {
	}

	static short[] resample(short[] input, int fromRate, int toRate) {
		if (fromRate == toRate) {
			return input.clone();
		}
		double ratio = (double) toRate / fromRate;
		// below the lower Nyquist frequency, with a little room for the transition band
		double cutoff = Math.min(1.0, ratio) * 0.95;
		int outLength = (int) Math.floor(input.length * ratio);
		short[] output = new short[outLength];
		double width = HALF_TAPS / cutoff;
		for (int n = 0; n < outLength; n++) {
			double center = n / ratio;
			int first = (int) Math.ceil(center - width);
			int last = (int) Math.floor(center + width);
			double sum = 0;
			for (int k = Math.max(first, 0); k <= Math.min(last, input.length - 1); k++) {
				double x = k - center;
				sum += input[k] * cutoff * sinc(cutoff * x) * blackman(x / width);
			}
			output[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
		}
		return output;
	}

	private static double sinc(double x) {
		if (x == 0) {
			return 1;
		}
		double px = Math.PI * x;
		return Math.sin(px) / px;
	}

	/** Blackman window over [-1, 1]. */
	private static double blackman(double t) {
		if (t <= -1 || t >= 1) {
			return 0;
		}
		double phase = Math.PI * (t + 1);
		return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
	}

}
