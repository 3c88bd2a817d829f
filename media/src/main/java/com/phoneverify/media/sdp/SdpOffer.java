package com.phoneverify.media.sdp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.phoneverify.media.codec.G711;

/**
 * An SDP session description that we send, as an offer or as an answer (RFC 3264): one
 * audio stream over RTP/AVP with G.711 and, optionally, telephone-event for keypad
 * digits.
 * <p>
 * {@link #toSdp()} writes, with CRLF line ends (RFC 4566 §5):
 *
 * <pre>
 * v=0
 * o=- &lt;sessionId&gt; &lt;sessionVersion&gt; IN IP4 &lt;address&gt;
 * s=-
 * c=IN IP4 &lt;address&gt;
 * t=0 0
 * m=audio &lt;port&gt; RTP/AVP 0 8 101
 * a=rtpmap:0 PCMU/8000
 * a=rtpmap:8 PCMA/8000
 * a=rtpmap:101 telephone-event/8000
 * a=fmtp:101 0-15
 * a=ptime:20
 * a=sendrecv
 * </pre>
 *
 * @param sessionId the {@code o=} session id, stable for the session
 * @param sessionVersion the {@code o=} version; increment it for each new offer of the
 * session (RFC 3264 §8)
 * @param mediaAddress the IPv4 address and port where we receive RTP
 * @param codecs the G.711 laws in order of preference; not empty
 * @param telephoneEventPayloadType the dynamic payload type for telephone-event (96–127),
 * or empty to offer no keypad events
 * @param ptimeMillis the packetization time in milliseconds ({@code a=ptime})
 * @param direction the media direction
 */
public record SdpOffer(long sessionId, long sessionVersion, InetSocketAddress mediaAddress, List<G711> codecs,
		Optional<Integer> telephoneEventPayloadType, int ptimeMillis, MediaDirection direction) {

	/** The dynamic payload type most phones and trunks use for telephone-event. */
	public static final int DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE = 101;

	/** 20 ms of audio per packet: 160 G.711 samples. */
	public static final int DEFAULT_PTIME_MILLIS = 20;

	public SdpOffer {
		codecs = List.copyOf(codecs);
		if (codecs.isEmpty()) {
			throw new IllegalArgumentException("at least one codec is required");
		}
		telephoneEventPayloadType.ifPresent((pt) -> {
			if (pt < 96 || pt > 127) {
				throw new IllegalArgumentException("telephone-event needs a dynamic payload type (96-127): " + pt);
			}
		});
		if (mediaAddress.getAddress() == null) {
			throw new IllegalArgumentException("media address must be resolved");
		}
	}

	/**
	 * An offer of PCMU then PCMA, telephone-event 101, ptime 20, sendrecv.
	 * @param mediaAddress where we receive RTP
	 */
	public static SdpOffer of(InetSocketAddress mediaAddress) {
		return new SdpOffer(newSessionId(), 1, mediaAddress, List.of(G711.PCMU, G711.PCMA),
				Optional.of(DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE), DEFAULT_PTIME_MILLIS, MediaDirection.SENDRECV);
	}

	/**
	 * The answer to an offer (RFC 3264 §6.1): the first codec of the offer we support, in
	 * the offer's order, and telephone-event with the offer's payload type if it has one.
	 * @param offer the remote offer
	 * @param mediaAddress where we receive RTP
	 * @param supported the laws we can use
	 * @return the answer, or empty if no codec is shared (reply 488 Not Acceptable Here)
	 */
	public static Optional<SdpOffer> answer(SessionDescription offer, InetSocketAddress mediaAddress,
			List<G711> supported) {
		return offer.negotiate(supported)
			.map((codec) -> new SdpOffer(newSessionId(), 1, mediaAddress, List.of(codec),
					offer.telephoneEventPayloadType(), DEFAULT_PTIME_MILLIS, answerDirection(offer.direction())));
	}

	/**
	 * The codec we prefer; the one to send with when this offer is also the final answer.
	 */
	public G711 preferredCodec() {
		return this.codecs.get(0);
	}

	/** The SDP text, CRLF-terminated lines. */
	public String toSdp() {
		String address = this.mediaAddress.getAddress().getHostAddress();
		StringBuilder formats = new StringBuilder();
		StringBuilder attributes = new StringBuilder();
		for (G711 codec : this.codecs) {
			formats.append(' ').append(codec.payloadType());
			attributes.append("a=rtpmap:").append(codec.payloadType()).append(' ').append(codec.rtpmap()).append(CRLF);
		}
		this.telephoneEventPayloadType.ifPresent((pt) -> {
			formats.append(' ').append(pt);
			attributes.append("a=rtpmap:").append(pt).append(" telephone-event/8000").append(CRLF);
			// RFC 4733 §2.4.1: events 0-15 are the DTMF keys
			attributes.append("a=fmtp:").append(pt).append(" 0-15").append(CRLF);
		});
		return "v=0" + CRLF + "o=- " + this.sessionId + " " + this.sessionVersion + " IN IP4 " + address + CRLF + "s=-"
				+ CRLF + "c=IN IP4 " + address + CRLF + "t=0 0" + CRLF + "m=audio " + this.mediaAddress.getPort()
				+ " RTP/AVP" + formats + CRLF + attributes + "a=ptime:" + this.ptimeMillis + CRLF + "a="
				+ this.direction.attribute() + CRLF;
	}

	/** Content type of the SIP body that carries {@link #toSdp()}. */
	public static final String CONTENT_TYPE = "application/sdp";

	private static final String CRLF = "\r\n";

	private static long newSessionId() {
		// RFC 4566 §5.2: a numeric id; an NTP-like timestamp or random number is
		// suggested
		return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE >>> 1);
	}

	private static MediaDirection answerDirection(MediaDirection offered) {
		// RFC 3264 §6.1: sendonly is answered recvonly and vice versa
		return switch (offered) {
			case SENDONLY -> MediaDirection.RECVONLY;
			case RECVONLY -> MediaDirection.SENDONLY;
			default -> offered;
		};
	}

}
