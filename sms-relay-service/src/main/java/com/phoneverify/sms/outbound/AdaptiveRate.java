package com.phoneverify.sms.outbound;

/**
 * The submit rate: at most {@code maxRate} per second, halved on every throttling error
 * (not below {@code minRate}, and everyone pauses for {@code pauseNanos}), raised again
 * by a hundredth of the maximum on every accepted submit (additive increase,
 * multiplicative decrease, as TCP does).
 */
final class AdaptiveRate {

	private final double maxRate;

	private final double minRate;

	private final long pauseNanos;

	private double rate;

	private long nextSlot;

	AdaptiveRate(double maxRate, double minRate, long pauseNanos) {
		this.maxRate = maxRate;
		this.minRate = Math.min(minRate, maxRate);
		this.pauseNanos = pauseNanos;
		this.rate = maxRate;
		this.nextSlot = System.nanoTime();
	}

	/** Waits for the next slot. */
	void acquire() throws InterruptedException {
		long wait = reserve();
		if (wait > 0) {
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
		}
	}

	private synchronized long reserve() {
		long now = System.nanoTime();
		long slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + (long) (1e9 / this.rate);
		return slot - now;
	}

	synchronized void throttled() {
		this.rate = Math.max(this.minRate, this.rate / 2);
		this.nextSlot = Math.max(this.nextSlot, System.nanoTime() + this.pauseNanos);
	}

	synchronized void accepted() {
		this.rate = Math.min(this.maxRate, this.rate + this.maxRate / 100);
	}

	synchronized double current() {
		return this.rate;
	}

}
