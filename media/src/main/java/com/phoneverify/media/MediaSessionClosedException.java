package com.phoneverify.media;

/** Signals that outbound audio or keys were still queued when their session closed. */
public class MediaSessionClosedException extends IllegalStateException {

	public MediaSessionClosedException() {
		super("media session closed");
	}

}
