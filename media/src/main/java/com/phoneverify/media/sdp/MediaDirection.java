package com.phoneverify.media.sdp;

import java.util.Locale;
import java.util.Optional;

/** The media direction attribute of RFC 3264 §5.1 / RFC 4566 §6. */
public enum MediaDirection {

	SENDRECV, SENDONLY, RECVONLY, INACTIVE;

	/** The attribute as written in SDP, e.g. {@code sendrecv}. */
	public String attribute() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<MediaDirection> fromAttribute(String attribute) {
		for (MediaDirection direction : values()) {
			if (direction.attribute().equals(attribute)) {
				return Optional.of(direction);
			}
		}
		return Optional.empty();
	}

}
