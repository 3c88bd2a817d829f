package com.phoneverify.ars.trunk.sip;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import com.phoneverify.media.codec.G711;
import com.phoneverify.media.sdp.MediaDirection;
import com.phoneverify.media.sdp.SdpOffer;
import com.phoneverify.media.sdp.SessionDescription;
import org.jspecify.annotations.Nullable;

/**
 * The SDP of an established call, for the offers that come after the first exchange (RFC
 * 3264 §8): a re-INVITE or UPDATE from the phone. The codec stays the one negotiated by
 * our INVITE and its 200 OK; the direction follows the offer (hold: {@code sendonly} from
 * them → {@code recvonly} from us, {@code inactive} → {@code inactive}, resume
 * {@code sendrecv}); our {@code o=} line keeps its session id and its version grows with
 * every SDP we send. Not thread-safe: used under the call's lock.
 */
final class SessionRenegotiation {

	private final long sessionId;

	private long version;

	private final InetSocketAddress localAddress;

	private final G711 codec;

	private final int telephoneEventPayloadType;

	private MediaDirection direction = MediaDirection.SENDRECV;

	private SessionRenegotiation(long sessionId, long version, InetSocketAddress localAddress, G711 codec,
			int telephoneEventPayloadType) {
		this.sessionId = sessionId;
		this.version = version;
		this.localAddress = localAddress;
		this.codec = codec;
		this.telephoneEventPayloadType = telephoneEventPayloadType;
	}

	/**
	 * @param ourOffer the SDP of our INVITE
	 * @param theirAnswer the SDP of the 200 OK
	 * @throws IllegalArgumentException when either cannot be read or they share no codec
	 */
	static SessionRenegotiation of(String ourOffer, String theirAnswer) {
		SessionDescription offer = SessionDescription.parse(ourOffer);
		SessionDescription answer = SessionDescription.parse(theirAnswer);
		G711 codec = answer.negotiate(List.of(G711.PCMU, G711.PCMA))
			.orElseThrow(() -> new IllegalArgumentException("no shared codec"));
		long[] origin = origin(ourOffer);
		return new SessionRenegotiation(origin[0], origin[1], offer.mediaAddress(), codec,
				answer.telephoneEventPayloadTypeOr(SdpOffer.DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE));
	}

	/**
	 * Our answer to a new offer from the phone.
	 * @return the SDP answer, or empty when the offer cannot be read or drops our codec
	 * (answer 488 Not Acceptable Here, the session goes on unchanged)
	 */
	Optional<String> answer(String theirOffer) {
		SessionDescription offer;
		try {
			offer = SessionDescription.parse(theirOffer);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (offer.isRejected() || !offer.payloadTypes().contains(this.codec.payloadType())) {
			return Optional.empty();
		}
		MediaDirection theirs = offer.direction();
		if (offer.mediaAddress().getAddress() != null && offer.mediaAddress().getAddress().isAnyLocalAddress()) {
			// RFC 3264 §8.4: c=0.0.0.0 is the older way to put a call on hold
			theirs = (theirs == MediaDirection.INACTIVE || theirs == MediaDirection.RECVONLY) ? MediaDirection.INACTIVE
					: MediaDirection.SENDONLY;
		}
		this.direction = switch (theirs) {
			case SENDONLY -> MediaDirection.RECVONLY;
			case RECVONLY -> MediaDirection.SENDONLY;
			case INACTIVE -> MediaDirection.INACTIVE;
			case SENDRECV -> MediaDirection.SENDRECV;
		};
		return Optional.of(sdp(offer.telephoneEventPayloadType().orElse(null)));
	}

	/**
	 * Our offer for a re-INVITE without one (RFC 3264 §8: the answer comes in the ACK):
	 * the negotiated codec, sendrecv.
	 */
	String offer() {
		this.direction = MediaDirection.SENDRECV;
		return sdp(this.telephoneEventPayloadType);
	}

	/**
	 * The phone's answer to {@link #offer()}, from its ACK: the codec stays the
	 * negotiated one (our offer had no other), the direction is theirs.
	 */
	void answered(String theirAnswer) {
		try {
			MediaDirection theirs = SessionDescription.parse(theirAnswer).direction();
			this.direction = switch (theirs) {
				case SENDONLY -> MediaDirection.RECVONLY;
				case RECVONLY -> MediaDirection.SENDONLY;
				default -> theirs;
			};
		}
		catch (IllegalArgumentException ex) {
			// unreadable: media goes on as before
		}
	}

	/** The direction of our last SDP. */
	MediaDirection direction() {
		return this.direction;
	}

	private String sdp(@Nullable Integer telephoneEvent) {
		this.version++;
		return new SdpOffer(this.sessionId, this.version, this.localAddress, List.of(this.codec),
				Optional.ofNullable(telephoneEvent), SdpOffer.DEFAULT_PTIME_MILLIS, this.direction)
			.toSdp();
	}

	/** The session id and version of {@code o=<user> <id> <version> ...}. */
	private static long[] origin(String sdp) {
		for (String line : sdp.split("\r?\n")) {
			if (line.startsWith("o=")) {
				String[] fields = line.substring(2).strip().split(" +");
				if (fields.length >= 3) {
					try {
						return new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]) };
					}
					catch (NumberFormatException ex) {
						break;
					}
				}
			}
		}
		return new long[] { System.currentTimeMillis(), 1 };
	}

}
