package com.phoneverify.media;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Where an {@link RtpMediaEngine} binds its sessions, whom they accept RTP from and
 * whether they record what they receive.
 *
 * @param bindAddress the local address of every session's UDP socket; default
 * {@code 127.0.0.1}
 * @param portRangeStart the first RTP port, or 0 to let the system pick ephemeral ports
 * (the default)
 * @param portRangeEnd the last RTP port (inclusive), or 0 with {@code portRangeStart} 0;
 * only even ports are used (RFC 3550 §11)
 * @param latchToFirstSource {@code false} (the default): a session accepts RTP only from
 * exactly the IP address and port given to {@link MediaSession#connect}, i.e. the
 * remote's SDP. {@code true}: it accepts the first source after {@code connect} whose IP
 * address is the SDP's, on any port (a peer behind a NAT that rewrites ports, symmetric
 * RTP after RFC 4961), and from then on only that IP address and port. Latching lets
 * anyone sharing the peer's IP address who sends first take the stream, so leave it off
 * unless a peer needs it. Outbound packets always go to the SDP's address.
 * @param recordReceivedAudio whether sessions keep the audio they receive for
 * {@link MediaSession#receivedAudio()}; default {@code false}, because received audio is
 * the called person's voice, personal data that must not be kept by accident. The phone
 * simulator and tests turn it on.
 * @param maxRecordedAudio with recording on, how much audio one session keeps at most:
 * the first {@code maxRecordedAudio} of received audio is kept, later audio is dropped;
 * default 10 minutes (4.8 MB of G.711 per session), at most 1 hour
 */
public record MediaEngineOptions(InetAddress bindAddress, int portRangeStart, int portRangeEnd,
		boolean latchToFirstSource, boolean recordReceivedAudio, Duration maxRecordedAudio) {

	/** The default bound of recorded audio per session. */
	public static final Duration DEFAULT_MAX_RECORDED_AUDIO = Duration.ofMinutes(10);

	private static final Duration MAX_RECORDED_AUDIO_LIMIT = Duration.ofHours(1);

	public MediaEngineOptions {
		boolean ephemeral = portRangeStart == 0 && portRangeEnd == 0;
		if (!ephemeral && (portRangeStart < 1024 || portRangeEnd > 65535 || portRangeEnd <= portRangeStart)) {
			throw new IllegalArgumentException("port range must be 0-0 or within 1024-65535 with start < end");
		}
		if (maxRecordedAudio.isNegative() || maxRecordedAudio.isZero()
				|| maxRecordedAudio.compareTo(MAX_RECORDED_AUDIO_LIMIT) > 0) {
			throw new IllegalArgumentException("max recorded audio must be positive and at most 1 hour");
		}
	}

	/**
	 * Strict source matching, no recording: the options before latching and recording
	 * existed, kept for source compatibility.
	 */
	public MediaEngineOptions(InetAddress bindAddress, int portRangeStart, int portRangeEnd) {
		this(bindAddress, portRangeStart, portRangeEnd, false, false, DEFAULT_MAX_RECORDED_AUDIO);
	}

	/** Loopback, ephemeral ports, strict source matching, no recording. */
	public static MediaEngineOptions defaults() {
		return new MediaEngineOptions(InetAddress.getLoopbackAddress(), 0, 0);
	}

	/** These options with another bind address. */
	public MediaEngineOptions withBindAddress(InetAddress address) {
		return new MediaEngineOptions(address, this.portRangeStart, this.portRangeEnd, this.latchToFirstSource,
				this.recordReceivedAudio, this.maxRecordedAudio);
	}

	/** These options with a port range, e.g. 40000–40999. */
	public MediaEngineOptions withPortRange(int start, int end) {
		return new MediaEngineOptions(this.bindAddress, start, end, this.latchToFirstSource, this.recordReceivedAudio,
				this.maxRecordedAudio);
	}

	/**
	 * These options with latching to the first source on the SDP's IP address on or off.
	 */
	public MediaEngineOptions withLatchToFirstSource(boolean latch) {
		return new MediaEngineOptions(this.bindAddress, this.portRangeStart, this.portRangeEnd, latch,
				this.recordReceivedAudio, this.maxRecordedAudio);
	}

	/** These options with recording of received audio on or off. */
	public MediaEngineOptions withRecordReceivedAudio(boolean record) {
		return new MediaEngineOptions(this.bindAddress, this.portRangeStart, this.portRangeEnd, this.latchToFirstSource,
				record, this.maxRecordedAudio);
	}

	/** These options with another bound of recorded audio per session. */
	public MediaEngineOptions withMaxRecordedAudio(Duration max) {
		return new MediaEngineOptions(this.bindAddress, this.portRangeStart, this.portRangeEnd, this.latchToFirstSource,
				this.recordReceivedAudio, max);
	}

	boolean ephemeralPorts() {
		return this.portRangeStart == 0;
	}

	/** The recording bound in G.711 bytes (one byte per 125 µs sample). */
	int maxRecordedBytes() {
		return (int) (this.maxRecordedAudio.toNanos() / PacingSchedule.NANOS_PER_SAMPLE);
	}

}
