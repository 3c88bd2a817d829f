package com.phoneverify.media;

/**
 * Incoming sequence-number bookkeeping for one source, after RFC 3550 appendix A.1 and
 * A.3: extends the 16-bit sequence number with a cycle count to estimate lost packets
 * across wrap-around. Not thread-safe; used by the receiver thread only.
 */
final class InboundSequence {

	private static final int SEQUENCE_MODULO = 1 << 16;

	private static final int MAX_DROPOUT = 3000;

	private boolean initialized;

	private long ssrc;

	private int baseSequence;

	private int maxSequence;

	private long cycles;

	private long received;

	private long outOfOrder;

	private long lostBeforeReset;

	/** Records one packet. */
	void record(long ssrc, int sequence) {
		if (!this.initialized || ssrc != this.ssrc) {
			if (this.initialized) {
				this.lostBeforeReset += lostInCurrentSource();
			}
			this.initialized = true;
			this.ssrc = ssrc;
			this.baseSequence = sequence;
			this.maxSequence = sequence;
			this.cycles = 0;
			this.received = 1;
			return;
		}
		this.received++;
		int delta = (sequence - this.maxSequence) & 0xFFFF;
		if (delta == 0) {
			return;
		}
		if (delta < MAX_DROPOUT) {
			if (sequence < this.maxSequence) {
				this.cycles += SEQUENCE_MODULO;
			}
			this.maxSequence = sequence;
		}
		else if (delta >= SEQUENCE_MODULO - MAX_DROPOUT) {
			this.outOfOrder++;
		}
		else {
			// a large jump: the sender restarted its numbering (RFC 3550 A.1 would wait
			// for
			// two packets in sequence; one is enough for an estimate)
			this.lostBeforeReset += lostInCurrentSource();
			this.baseSequence = sequence;
			this.maxSequence = sequence;
			this.cycles = 0;
			this.received = 1;
		}
	}

	long lost() {
		return this.lostBeforeReset + (this.initialized ? lostInCurrentSource() : 0);
	}

	long outOfOrder() {
		return this.outOfOrder;
	}

	private long lostInCurrentSource() {
		long expected = this.cycles + this.maxSequence - this.baseSequence + 1;
		return Math.max(0, expected - this.received);
	}

}
