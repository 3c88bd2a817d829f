package com.phoneverify.media.sdp;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.phoneverify.media.codec.G711;
import com.phoneverify.contracts.Fuzz;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SDP bodies from the phone side (the 200 OK's answer, a re-INVITE's offer), built line
 * by line from RFC 4566's grammar with hostile values, then lines dropped, repeated,
 * shuffled or replaced by junk: {@link SessionDescription#parse} returns a description
 * whose media address is a resolved IPv4 address and port (what the RTP session sends
 * to), or refuses with {@link IllegalArgumentException} (the caller hangs up or answers
 * 488); it never throws anything else, and never resolves a host name (a DNS lookup on a
 * SIP thread, steered by the peer). Tries: {@code -Dfuzz.tries}, seed {@code -Dfuzz.seed}
 * (see {@link Fuzz}).
 */
class SessionDescriptionFuzzTests {

	private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40002);

	@Test
	void everySdpIsReadOrRefusedAndAReadOneNamesAnIpv4Destination() {
		Fuzz.forAll(SessionDescriptionFuzzTests::sdp, Fuzz::abbreviate, SessionDescriptionFuzzTests::readOrRefuse);
	}

	private static String readOrRefuse(String sdp) {
		SessionDescription description;
		try {
			description = SessionDescription.parse(sdp);
		}
		catch (IllegalArgumentException ex) {
			return "refused";
		}
		assertThat(description.mediaAddress().isUnresolved()).as("a resolved address").isFalse();
		assertThat(description.mediaAddress().getAddress()).isInstanceOf(Inet4Address.class);
		assertThat(description.mediaAddress().getPort()).isBetween(0, 65535);
		description.negotiate(List.of(G711.PCMU, G711.PCMA));
		SdpOffer.answer(description, LOCAL, List.of(G711.PCMU, G711.PCMA)).ifPresent(SdpOffer::toSdp);
		return description.isRejected() ? "rejected stream" : "read";
	}

	private static String sdp(Fuzz fuzz) {
		List<String> lines = new ArrayList<>(List.of("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-"));
		lines.add(connection(fuzz));
		lines.add("t=0 0");
		lines.add(audio(fuzz));
		List<String> attributes = fuzz.list(0, 8, () -> attribute(fuzz));
		if (fuzz.bool()) {
			lines.add(connection(fuzz));
		}
		lines.addAll(attributes);
		int mutations = (fuzz.weighted(2, 3) == 0) ? 0 : fuzz.between(1, 4);
		for (int i = 0; i < mutations; i++) {
			mutateLines(fuzz, lines);
		}
		String newline = fuzz.pick("\r\n", "\n", "\r", "\n\n", " \r\n");
		return String.join(newline, lines) + newline;
	}

	private static String connection(Fuzz fuzz) {
		String type = (fuzz.weighted(12, 1) == 0) ? "IN IP4"
				: fuzz.pick("IN IP6", "IN  IP4", "in ip4", "IN", "ATM NSAP");
		String address = (fuzz.weighted(3, 1) == 0) ? octets(fuzz, 255) : switch (fuzz.between(0, 2)) {
			case 0 -> fuzz.pick("127.0.0.1", "10.0.0.9", "0.0.0.0", "255.255.255.255", "192.168.001.010", "1.2.3.4/127",
					"224.2.1.1/127/3", "256.1.1.1", "1.2.3", "01.2.3.4", "::1", "[::1]", "fe80::1%1", "localhost",
					"phone.invalid", "0x7f000001", "2130706433", "1.2.3.4.5", "", "-", "1..2.3");
			case 1 -> fuzz.string(HOST_CHARS, 1, 20);
			default -> octets(fuzz, 300);
		};
		return "c=" + type + " " + address;
	}

	private static final String HOST_CHARS = Fuzz.alphabet('a', 'z') + ".-:";

	private static String octets(Fuzz fuzz, int max) {
		return String.join(".", fuzz.list(4, 4, () -> String.valueOf(fuzz.between(0, max))));
	}

	private static String audio(Fuzz fuzz) {
		String media = (fuzz.weighted(12, 1) == 0) ? "audio" : fuzz.pick("video", "AUDIO", "application");
		String port = switch (fuzz.weighted(6, 1, 1)) {
			case 0 -> String.valueOf(fuzz.between(0, 65535));
			case 1 -> String.valueOf(fuzz.between(0, 70_000));
			default -> fuzz.pick("-1", "0", "65535", "65536", "99999999999", "5004/2", "abc", "", "+5004", "0x10");
		};
		String profile = fuzz.pick("RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVPF", "");
		String formats = String.join(" ", fuzz.list(0, 6, () -> switch (fuzz.weighted(8, 4, 1)) {
			case 0 -> fuzz.pick("0", "8", "101", "18", "96", "127", "0 8 101");
			case 1 -> String.valueOf(fuzz.between(0, 130));
			default -> fuzz.pick("-1", "255", "2147483648", "x");
		}));
		return "m=" + media + " " + port + " " + profile + " " + formats;
	}

	private static String attribute(Fuzz fuzz) {
		return switch (fuzz.between(0, 3)) {
			case 0 ->
				"a=rtpmap:" + payloadNumber(fuzz) + " " + fuzz.pick("PCMU/8000", "PCMA/8000", "telephone-event/8000",
						"TELEPHONE-EVENT/8000/1", "telephone-event/16000", "G729/8000", "", "/", "opus/48000/2");
			case 1 -> "a=ptime:" + payloadNumber(fuzz);
			case 2 -> "a=fmtp:" + payloadNumber(fuzz) + " 0-15";
			default -> fuzz.pick("a=sendrecv", "a=sendonly", "a=recvonly", "a=inactive", "a=rtpmap:", "a=ptime:", "a=",
					"a=rtcp:9", "a=maxptime:x");
		};
	}

	private static String payloadNumber(Fuzz fuzz) {
		return switch (fuzz.weighted(8, 2, 1)) {
			case 0 -> String.valueOf(fuzz.pick(0, 8, 20, 30, 96, 101, 127));
			case 1 -> String.valueOf(fuzz.anyInt());
			default -> fuzz.pick("", "abc", "20.5", "99999999999", "-0");
		};
	}

	/** Drops, repeats, inserts junk or swaps lines. */
	private static void mutateLines(Fuzz fuzz, List<String> lines) {
		int at = fuzz.between(0, 100);
		switch (fuzz.between(0, 3)) {
			case 0 -> {
				if (!lines.isEmpty()) {
					lines.remove(at % lines.size());
				}
			}
			case 1 -> {
				if (!lines.isEmpty()) {
					lines.add(at % lines.size(), lines.get(at % lines.size()));
				}
			}
			case 2 -> lines.add(at % (lines.size() + 1),
					fuzz.bool() ? fuzz.string(60)
							: fuzz.pick("=", "m=", "c=", "m=audio", "c=IN IP4", "x=y", " m=audio 1 RTP/AVP 0",
									"m=audio 5004 RTP/AVP " + "0 ".repeat(5_000), "a=" + "x".repeat(20_000)));
			default -> {
				int other = fuzz.between(0, 100);
				if (!lines.isEmpty()) {
					Collections.swap(lines, at % lines.size(), other % lines.size());
				}
			}
		}
	}

}
