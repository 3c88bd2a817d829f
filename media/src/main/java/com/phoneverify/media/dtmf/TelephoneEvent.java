package com.phoneverify.media.dtmf;

/**
 * The payload of one RFC 4733 telephone-event packet (§2.3).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |     event     |E|R| volume    |          duration             |
 * </pre>
 *
 * @param event the event code, 0–255; DTMF keys are 0–15 (RFC 4733 §3.2)
 * @param end the E bit: this packet ends the event
 * @param volume the power level in −dBm0, 0–63
 * @param duration the duration so far in RTP timestamp units (samples at 8 kHz), 0–65535
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

	/** Payload length in bytes. */
	public static final int LENGTH = 4;

	/** The RTP clock rate of telephone-event for telephony (RFC 4733 §2.1: 8000 Hz). */
	public static final int CLOCK_RATE = 8000;

	/** A common volume for generated DTMF (−10 dBm0). */
	public static final int DEFAULT_VOLUME = 10;

	private static final String KEYS = "0123456789*#ABCD";

	public TelephoneEvent {
		if (event < 0 || event > 255) {
			throw new IllegalArgumentException("event out of range: " + event);
		}
		if (volume < 0 || volume > 63) {
			throw new IllegalArgumentException("volume out of range: " + volume);
		}
		if (duration < 0 || duration > 0xFFFF) {
			throw new IllegalArgumentException("duration out of range: " + duration);
		}
	}

	/**
	 * Parses the first four payload bytes; redundant trailing blocks are ignored.
	 * @throws IllegalArgumentException if the payload is shorter than four bytes
	 */
	public static TelephoneEvent parse(byte[] payload) {
		if (payload.length < LENGTH) {
			throw new IllegalArgumentException("telephone-event payload shorter than 4 bytes");
		}
		int flags = payload[1] & 0xFF;
		int duration = ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
		return new TelephoneEvent(payload[0] & 0xFF, (flags & 0x80) != 0, flags & 0x3F, duration);
	}

	/** Encodes the payload; the R bit is zero (RFC 4733 §2.3: reserved, sent as zero). */
	public byte[] toBytes() {
		return new byte[] { (byte) this.event, (byte) ((this.end ? 0x80 : 0) | this.volume),
				(byte) (this.duration >>> 8), (byte) this.duration };
	}

	/** Whether the event is a DTMF key (RFC 4733 §3.2, events 0–15). */
	public boolean isKey() {
		return this.event < KEYS.length();
	}

	/**
	 * The keypad key of this event: {@code 0}–{@code 9}, {@code *}, {@code #},
	 * {@code A}–{@code D}.
	 * @throws IllegalStateException if the event is not a DTMF key
	 */
	public char key() {
		if (!isKey()) {
			throw new IllegalStateException("not a DTMF event: " + this.event);
		}
		return KEYS.charAt(this.event);
	}

	/**
	 * The event code of a keypad key (RFC 4733 §3.2 table 7); lowercase
	 * {@code a}–{@code d} are accepted.
	 * @throws IllegalArgumentException if the character is not a keypad key
	 */
	public static int eventFor(char key) {
		int event = KEYS.indexOf(Character.toUpperCase(key));
		if (event < 0) {
			throw new IllegalArgumentException("not a keypad key");
		}
		return event;
	}

	/** Whether the character is a keypad key that {@link #eventFor(char)} accepts. */
	public static boolean isKey(char key) {
		return KEYS.indexOf(Character.toUpperCase(key)) >= 0;
	}

}
