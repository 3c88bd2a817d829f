package com.phoneverify.media;

import java.net.InetAddress;

/**
 * Where an {@link RtpMediaEngine} binds its sessions.
 *
 * @param bindAddress the local address of every session's UDP socket; default
 * {@code 127.0.0.1}
 * @param portRangeStart the first RTP port, or 0 to let the system pick ephemeral ports
 * (the default)
 * @param portRangeEnd the last RTP port (inclusive), or 0 with {@code portRangeStart} 0;
 * only even ports are used (RFC 3550 §11)
 */
public record MediaEngineOptions(InetAddress bindAddress, int portRangeStart, int portRangeEnd) {

	public MediaEngineOptions {
		boolean ephemeral = portRangeStart == 0 && portRangeEnd == 0;
		if (!ephemeral && (portRangeStart < 1024 || portRangeEnd > 65535 || portRangeEnd <= portRangeStart)) {
			throw new IllegalArgumentException("port range must be 0-0 or within 1024-65535 with start < end");
		}
	}

	/** Loopback, ephemeral ports. */
	public static MediaEngineOptions defaults() {
		return new MediaEngineOptions(InetAddress.getLoopbackAddress(), 0, 0);
	}

	/** These options with another bind address. */
	public MediaEngineOptions withBindAddress(InetAddress address) {
		return new MediaEngineOptions(address, this.portRangeStart, this.portRangeEnd);
	}

	/** These options with a port range, e.g. 40000–40999. */
	public MediaEngineOptions withPortRange(int start, int end) {
		return new MediaEngineOptions(this.bindAddress, start, end);
	}

	boolean ephemeralPorts() {
		return this.portRangeStart == 0;
	}

}
