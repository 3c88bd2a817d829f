package com.phoneverify.media.sdp;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import com.phoneverify.media.codec.G711;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SDP bodies from the phone side (the 200 OK's answer, a re-INVITE's offer), built line
 * by line from RFC 4566's grammar with hostile values, then lines dropped, repeated,
 * shuffled or replaced by junk: {@link SessionDescription#parse} returns a description
 * whose media address is a resolved IPv4 address and port (what the RTP session sends
 * to), or refuses with {@link IllegalArgumentException} (the caller hangs up or answers
 * 488); it never throws anything else, and never resolves a host name (a DNS lookup on a
 * SIP thread, steered by the peer). Tries: {@code jqwik.tries.default}.
 */
class SessionDescriptionFuzzTests {

	private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40002);

	@Property
	void everySdpIsReadOrRefusedAndAReadOneNamesAnIpv4Destination(@ForAll("sdps") String sdp) {
		SessionDescription description;
		try {
			description = SessionDescription.parse(sdp);
		}
		catch (IllegalArgumentException ex) {
			Statistics.collect("refused");
			return;
		}
		assertThat(description.mediaAddress().isUnresolved()).as("a resolved address").isFalse();
		assertThat(description.mediaAddress().getAddress()).isInstanceOf(Inet4Address.class);
		assertThat(description.mediaAddress().getPort()).isBetween(0, 65535);
		description.negotiate(List.of(G711.PCMU, G711.PCMA));
		SdpOffer.answer(description, LOCAL, List.of(G711.PCMU, G711.PCMA)).ifPresent(SdpOffer::toSdp);
		Statistics.collect(description.isRejected() ? "rejected stream" : "read");
	}

	@Provide
	Arbitrary<String> sdps() {
		Arbitrary<List<String>> lines = Combinators
			.combine(connection(), audio(), attributes().list().ofMaxSize(8), connection().optional())
			.as((sessionConnection, media, attributes, mediaConnection) -> {
				List<String> all = new ArrayList<>(List.of("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-"));
				all.add(sessionConnection);
				all.add("t=0 0");
				all.add(media);
				mediaConnection.ifPresent(all::add);
				all.addAll(attributes);
				return all;
			});
		Arbitrary<Integer> mutationCount = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)),
				Tuple.of(3, Arbitraries.integers().between(1, 4)));
		Arbitrary<List<String>> mutated = Combinators
			.combine(lines, mutationCount.flatMap((count) -> lineMutation().list().ofSize(count)))
			.as((original, mutations) -> {
				List<String> result = new ArrayList<>(original);
				mutations.forEach((mutation) -> mutation.accept(result));
				return result;
			});
		return Combinators.combine(mutated, Arbitraries.of("\r\n", "\n", "\r", "\n\n", " \r\n"))
			.as((result, newline) -> String.join(newline, result) + newline);
	}

	private static Arbitrary<String> connection() {
		Arbitrary<String> valid = Arbitraries.integers()
			.between(0, 255)
			.list()
			.ofSize(4)
			.map((octets) -> String.join(".", octets.stream().map(String::valueOf).toList()));
		Arbitrary<String> hostile = Arbitraries.oneOf(
				Arbitraries.of("127.0.0.1", "10.0.0.9", "0.0.0.0", "255.255.255.255", "192.168.001.010", "1.2.3.4/127",
						"224.2.1.1/127/3", "256.1.1.1", "1.2.3", "01.2.3.4", "::1", "[::1]", "fe80::1%1", "localhost",
						"phone.invalid", "0x7f000001", "2130706433", "1.2.3.4.5", "", "-", "1..2.3"),
				Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-', ':').ofMinLength(1).ofMaxLength(20),
				Arbitraries.integers()
					.between(0, 300)
					.list()
					.ofSize(4)
					.map((octets) -> String.join(".", octets.stream().map(String::valueOf).toList())));
		Arbitrary<String> address = Arbitraries.frequencyOf(Tuple.of(3, valid), Tuple.of(1, hostile));
		Arbitrary<String> type = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("IN IP4")),
				Tuple.of(1, Arbitraries.of("IN IP6", "IN  IP4", "in ip4", "IN", "ATM NSAP")));
		return Combinators.combine(type, address).as((kind, where) -> "c=" + kind + " " + where);
	}

	private static Arbitrary<String> audio() {
		Arbitrary<String> port = Arbitraries.frequencyOf(
				Tuple.of(6, Arbitraries.integers().between(0, 65535).map(String::valueOf)),
				Tuple.of(1, Arbitraries.integers().between(0, 70_000).map(String::valueOf)), Tuple.of(1, Arbitraries
					.of("-1", "0", "65535", "65536", "99999999999", "5004/2", "abc", "", "+5004", "0x10")));
		Arbitrary<String> formats = Arbitraries
			.frequencyOf(Tuple.of(8, Arbitraries.of("0", "8", "101", "18", "96", "127", "0 8 101")),
					Tuple.of(4, Arbitraries.integers().between(0, 130).map(String::valueOf)),
					Tuple.of(1, Arbitraries.of("-1", "255", "2147483648", "x")))
			.list()
			.ofMaxSize(6)
			.map((list) -> String.join(" ", list));
		Arbitrary<String> media = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("audio")),
				Tuple.of(1, Arbitraries.of("video", "AUDIO", "application")));
		Arbitrary<String> profile = Arbitraries.of("RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVPF", "");
		return Combinators.combine(media, port, profile, formats)
			.as((kind, number, proto, list) -> "m=" + kind + " " + number + " " + proto + " " + list);
	}

	private static Arbitrary<String> attributes() {
		Arbitrary<String> number = Arbitraries.frequencyOf(
				Tuple.of(8, Arbitraries.of(0, 8, 20, 30, 96, 101, 127).map(String::valueOf)),
				Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
				Tuple.of(1, Arbitraries.of("", "abc", "20.5", "99999999999", "-0")));
		Arbitrary<String> encoding = Arbitraries.of("PCMU/8000", "PCMA/8000", "telephone-event/8000",
				"TELEPHONE-EVENT/8000/1", "telephone-event/16000", "G729/8000", "", "/", "opus/48000/2");
		return Arbitraries.oneOf(Combinators.combine(number, encoding).as((pt, name) -> "a=rtpmap:" + pt + " " + name),
				number.map((value) -> "a=ptime:" + value), number.map((value) -> "a=fmtp:" + value + " 0-15"),
				Arbitraries.of("a=sendrecv", "a=sendonly", "a=recvonly", "a=inactive", "a=rtpmap:", "a=ptime:", "a=",
						"a=rtcp:9", "a=maxptime:x"));
	}

	private static Arbitrary<java.util.function.Consumer<List<String>>> lineMutation() {
		Arbitrary<Integer> index = Arbitraries.integers().between(0, 100);
		Arbitrary<String> junk = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60),
				Arbitraries.of("=", "m=", "c=", "m=audio", "c=IN IP4", "x=y", " m=audio 1 RTP/AVP 0",
						"m=audio 5004 RTP/AVP " + "0 ".repeat(5_000), "a=" + "x".repeat(20_000)));
		return Arbitraries.oneOf(index.map((at) -> (lines) -> {
			if (!lines.isEmpty()) {
				lines.remove(at % lines.size());
			}
		}), index.map((at) -> (lines) -> {
			if (!lines.isEmpty()) {
				lines.add(at % lines.size(), lines.get(at % lines.size()));
			}
		}), Combinators.combine(index, junk).as((at, text) -> (lines) -> lines.add(at % (lines.size() + 1), text)),
				Combinators.combine(index, index).as((a, b) -> (lines) -> {
					if (!lines.isEmpty()) {
						java.util.Collections.swap(lines, a % lines.size(), b % lines.size());
					}
				}));
	}

}
