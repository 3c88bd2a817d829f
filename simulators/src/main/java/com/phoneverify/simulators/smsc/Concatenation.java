package com.phoneverify.simulators.smsc;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Reassembles concatenated messages from their User Data Header (3GPP TS 23.040
 * §9.2.3.24.1: IEI 0x00 with an 8-bit reference, §9.2.3.24.8: IEI 0x08 with a 16-bit
 * reference). Parts may arrive in any order; a part seen twice counts once.
 */
final class Concatenation {

	private final Map<String, Parts> pending = new ConcurrentHashMap<>();

	/** A segment's header fields and its text bytes without the header. */
	record Segment(int reference, int total, int sequence, byte[] body) {
	}

	/**
	 * Splits the UDH off; null when the header has no concatenation element (then the
	 * message is taken as one part with the header stripped).
	 */
	static @Nullable Segment parse(byte[] userData) {
		if (userData.length == 0) {
			return null;
		}
		int headerLength = userData[0] & 0xFF;
		if (headerLength + 1 > userData.length) {
			throw new IllegalArgumentException("UDH length beyond the message");
		}
		byte[] body = java.util.Arrays.copyOfRange(userData, headerLength + 1, userData.length);
		int i = 1;
		while (i + 1 <= headerLength) {
			int iei = userData[i] & 0xFF;
			int length = userData[i + 1] & 0xFF;
			int data = i + 2;
			if (data + length > headerLength + 1) {
				throw new IllegalArgumentException("UDH element beyond the header");
			}
			if (iei == 0x00 && length == 3) {
				return new Segment(userData[data] & 0xFF, userData[data + 1] & 0xFF, userData[data + 2] & 0xFF, body);
			}
			if (iei == 0x08 && length == 4) {
				int reference = ((userData[data] & 0xFF) << 8) | (userData[data + 1] & 0xFF);
				return new Segment(reference, userData[data + 2] & 0xFF, userData[data + 3] & 0xFF, body);
			}
			i = data + length;
		}
		return new Segment(-1, 1, 1, body);
	}

	/** Adds a part; returns the whole message once every part is in. */
	@Nullable byte[] add(String conversation, Segment segment) {
		if (segment.total() <= 1) {
			return segment.body();
		}
		if (segment.sequence() < 1 || segment.sequence() > segment.total()) {
			throw new IllegalArgumentException("segment " + segment.sequence() + " of " + segment.total());
		}
		String key = conversation + "/" + segment.reference() + "/" + segment.total();
		Parts parts = this.pending.computeIfAbsent(key, (k) -> new Parts(segment.total()));
		synchronized (parts) {
			parts.bodies[segment.sequence() - 1] = segment.body();
			for (byte[] body : parts.bodies) {
				if (body == null) {
					return null;
				}
			}
			this.pending.remove(key);
			ByteArrayOutputStream whole = new ByteArrayOutputStream();
			for (byte[] body : parts.bodies) {
				whole.writeBytes(body);
			}
			return whole.toByteArray();
		}
	}

	private static final class Parts {

		final byte[][] bodies;

		Parts(int total) {
			this.bodies = new byte[total][];
		}

	}

}
