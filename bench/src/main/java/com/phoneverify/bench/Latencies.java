package com.phoneverify.bench;

import java.util.Arrays;

/**
 * Latencies of one run, in nanoseconds; not thread-safe, fed from one place at a time.
 */
final class Latencies {

	private long[] values = new long[1 << 16];

	private int count;

	synchronized void add(long nanos) {
		if (this.count == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.values.length * 2);
		}
		this.values[this.count++] = nanos;
	}

	synchronized int count() {
		return this.count;
	}

	/** The value below which {@code fraction} of the samples lie (nearest rank). */
	synchronized double percentileMillis(double fraction) {
		if (this.count == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.values, this.count);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(fraction * this.count) - 1;
		return sorted[Math.max(0, Math.min(rank, this.count - 1))] / 1_000_000.0;
	}

}
