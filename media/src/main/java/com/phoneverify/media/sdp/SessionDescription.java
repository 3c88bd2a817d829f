package com.phoneverify.media.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.phoneverify.media.codec.G711;

/**
 * What we need from a remote SDP offer or answer: where to send RTP, which payload types
 * the first audio stream accepts, and the telephone-event payload type.
 *
 * @param mediaAddress the remote RTP address ({@code c=} and {@code m=audio} port; port 0
 * means the stream was rejected, RFC 3264 §6)
 * @param payloadTypes the payload types of the {@code m=audio} line, in preference order
 * @param telephoneEventPayloadType the dynamic payload type (96-127) mapped to
 * {@code telephone-event/8000}
 * @param ptimeMillis the {@code a=ptime} value, 20 when absent
 * @param direction the media direction, {@code sendrecv} when absent (RFC 3264 §5.1)
 */
public record SessionDescription(InetSocketAddress mediaAddress, List<Integer> payloadTypes,
		Optional<Integer> telephoneEventPayloadType, int ptimeMillis, MediaDirection direction) {

	public SessionDescription {
		payloadTypes = List.copyOf(payloadTypes);
	}

	/**
	 * Parses SDP text (LF or CRLF lines), using the first {@code m=audio} stream.
	 * @throws IllegalArgumentException if there is no audio stream or no IPv4 connection
	 * address for it (a dotted-quad literal: a host name is refused, never resolved)
	 */
	public static SessionDescription parse(String sdp) {
		InetAddress sessionAddress = null;
		InetAddress mediaAddress = null;
		int port = -1;
		List<Integer> payloadTypes = new ArrayList<>();
		Map<Integer, String> rtpmaps = new HashMap<>();
		Integer ptime = null;
		MediaDirection sessionDirection = MediaDirection.SENDRECV;
		MediaDirection mediaDirection = null;
		boolean inAudio = false;
		boolean audioSeen = false;
		for (String rawLine : sdp.split("\r?\n")) {
			String line = rawLine.strip();
			if (line.length() < 2 || line.charAt(1) != '=') {
				continue;
			}
			String value = line.substring(2);
			switch (line.charAt(0)) {
				case 'm' -> {
					inAudio = false;
					String[] fields = value.split(" +");
					if (!audioSeen && fields.length >= 3 && fields[0].equals("audio")) {
						inAudio = true;
						audioSeen = true;
						port = parseInt(fields[1].split("/")[0], "m= port");
						for (int i = 3; i < fields.length; i++) {
							payloadTypes.add(parseInt(fields[i], "m= format"));
						}
					}
				}
				case 'c' -> {
					InetAddress address = connectionAddress(value);
					if (inAudio) {
						mediaAddress = address;
					}
					else if (!audioSeen) {
						sessionAddress = address;
					}
				}
				case 'a' -> {
					if (!audioSeen || inAudio) {
						String attribute = value;
						if (attribute.startsWith("rtpmap:") && inAudio) {
							String[] parts = attribute.substring(7).split(" +", 2);
							if (parts.length == 2) {
								rtpmaps.put(parseInt(parts[0], "rtpmap payload type"), parts[1].strip());
							}
						}
						else if (attribute.startsWith("ptime:") && inAudio) {
							ptime = parseInt(attribute.substring(6).strip(), "ptime");
						}
						else {
							Optional<MediaDirection> direction = MediaDirection.fromAttribute(attribute);
							if (direction.isPresent()) {
								if (inAudio) {
									mediaDirection = direction.get();
								}
								else {
									sessionDirection = direction.get();
								}
							}
						}
					}
				}
				default -> {
				}
			}
		}
		if (!audioSeen) {
			throw new IllegalArgumentException("no m=audio stream in SDP");
		}
		InetAddress address = (mediaAddress != null) ? mediaAddress : sessionAddress;
		if (address == null) {
			throw new IllegalArgumentException("no IPv4 connection address for the audio stream");
		}
		// RFC 4733 §7.1.1 / RFC 3551 §3: telephone-event has no static payload type; one
		// mapped onto 0 (PCMU) would turn the call's audio into key presses
		Optional<Integer> telephoneEvent = payloadTypes.stream()
			.filter((pt) -> pt >= 96 && pt <= 127)
			.filter((pt) -> rtpmaps.getOrDefault(pt, "").toLowerCase(Locale.ROOT).startsWith("telephone-event/8000"))
			.findFirst();
		return new SessionDescription(new InetSocketAddress(address, port), payloadTypes, telephoneEvent,
				(ptime != null) ? ptime : SdpOffer.DEFAULT_PTIME_MILLIS,
				(mediaDirection != null) ? mediaDirection : sessionDirection);
	}

	/** Whether the remote rejected or disabled the audio stream (port 0). */
	public boolean isRejected() {
		return this.mediaAddress.getPort() == 0;
	}

	/**
	 * The first payload type of the {@code m=} line that is a G.711 law we support (RFC
	 * 3264 §6.1: the answerer keeps the offerer's preference order).
	 */
	public Optional<G711> negotiate(List<G711> supported) {
		return this.payloadTypes.stream()
			.map(G711::forPayloadType)
			.flatMap(Optional::stream)
			.filter(supported::contains)
			.findFirst();
	}

	/** The first G.711 law of the {@code m=} line, whichever it is. */
	public Optional<G711> preferredCodec() {
		return negotiate(List.of(G711.values()));
	}

	/**
	 * The telephone-event payload type, or {@code fallback} when keypad events were not
	 * negotiated.
	 */
	public int telephoneEventPayloadTypeOr(int fallback) {
		return this.telephoneEventPayloadType.orElse(fallback);
	}

	private static InetAddress connectionAddress(String value) {
		// RFC 4566 §5.7: c=<nettype> <addrtype> <connection-address>[/ttl]
		String[] fields = value.strip().split(" +");
		if (fields.length < 3 || !fields[0].equals("IN") || !fields[1].equals("IP4")) {
			throw new IllegalArgumentException("only c=IN IP4 is supported");
		}
		return ipv4Literal(fields[2].split("/")[0]);
	}

	/**
	 * The address of a dotted-quad literal, built without a lookup. RFC 4566 also allows
	 * a host name; resolving it would let the peer make a SIP thread wait on DNS, and an
	 * unresolved destination would fail every RTP send of the call.
	 */
	private static InetAddress ipv4Literal(String text) {
		String[] octets = text.split("\\.", -1);
		if (octets.length != 4) {
			throw new IllegalArgumentException("not an IPv4 address: " + text);
		}
		byte[] address = new byte[4];
		for (int i = 0; i < 4; i++) {
			if (!octets[i].matches("[0-9]{1,3}") || Integer.parseInt(octets[i]) > 255) {
				throw new IllegalArgumentException("not an IPv4 address: " + text);
			}
			address[i] = (byte) Integer.parseInt(octets[i]);
		}
		try {
			return InetAddress.getByAddress(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("four bytes are an IPv4 address", ex);
		}
	}

	private static int parseInt(String text, String what) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("invalid " + what + ": " + text, ex);
		}
	}

}
