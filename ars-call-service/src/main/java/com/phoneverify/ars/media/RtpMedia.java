package com.phoneverify.ars.media;

import com.phoneverify.media.MediaEngineOptions;
import com.phoneverify.media.RtpMediaEngine;

/**
 * Opens RTP media legs for calls. Owns one {@link RtpMediaEngine}; close it at shutdown.
 */
public final class RtpMedia implements AutoCloseable {

	private final RtpMediaEngine engine;

	public RtpMedia(MediaEngineOptions options) {
		this.engine = RtpMediaEngine.start(options);
	}

	/** Binds a new RTP port for one call. */
	public MediaLeg open() {
		return new MediaLeg(this.engine.open());
	}

	public int openLegs() {
		return this.engine.openSessions();
	}

	@Override
	public void close() {
		this.engine.close();
	}

}
