package com.phoneverify.media;

/**
 * The send deadlines of one stream, all computed from one monotonic origin: the packet
 * for media time {@code s} (samples at 8 kHz since the origin) is due at
 * {@code origin + s × 125 µs}; for 20 ms frames,
 * {@code deadline(n) = origin + n × 20 ms}. Because a deadline never depends on when the
 * previous packet actually went out, late wake-ups do not accumulate drift.
 *
 * @param originNanos the {@link System#nanoTime()} value of media time zero
 */
record PacingSchedule(long originNanos) {

	/** One sample at 8 kHz. */
	static final long NANOS_PER_SAMPLE = 125_000;

	/** 20 ms: 160 samples. */
	static final int SAMPLES_PER_FRAME = 160;

	/** The deadline of the packet at this media time. */
	long deadlineNanos(long mediaSamples) {
		return this.originNanos + mediaSamples * NANOS_PER_SAMPLE;
	}

	/** The deadline of the n-th 20 ms frame. */
	long frameDeadlineNanos(long frameIndex) {
		return deadlineNanos(frameIndex * SAMPLES_PER_FRAME);
	}

	/**
	 * The media time, in whole frames of samples, that has elapsed at {@code nowNanos}.
	 */
	long elapsedFrameSamples(long nowNanos) {
		long samples = Math.max(0, nowNanos - this.originNanos) / NANOS_PER_SAMPLE;
		return samples - samples % SAMPLES_PER_FRAME;
	}

}
