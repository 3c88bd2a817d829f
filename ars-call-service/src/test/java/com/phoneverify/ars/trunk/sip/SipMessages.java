package com.phoneverify.ars.trunk.sip;

import java.util.ArrayList;
import java.util.List;

import com.phoneverify.ars.trunk.sip.RawSipPhone.Header;
import com.phoneverify.ars.trunk.sip.RawSipPhone.Message;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of what a phone (or a broken trunk) sends back during one call: provisional
 * and final responses to our INVITE, requests inside the dialog (BYE, re-INVITE, UPDATE,
 * CANCEL, OPTIONS, INFO, unknown methods) with SDP offers, requests for calls that do not
 * exist, and junk datagrams; each message well-formed or changed by grammar-based
 * mutations (headers dropped, repeated or given hostile values, a wrong Content-Length, a
 * broken start line, garbage SDP lines, huge values).
 */
final class SipMessages {

	private SipMessages() {
	}

	/** One thing the phone does during a call. */
	sealed interface Step {

		/** What the step sends, for the report of a failing sample. */
		String describe();

	}

	/** A 1xx to our INVITE. */
	record Provisional(int status, List<Mutation> mutations) implements Step {

		@Override
		public String describe() {
			return "provisional " + this.status + " " + this.mutations;
		}

	}

	/** A final response to our INVITE, with an SDP answer or none. */
	record Final(int status, String sdp, List<Mutation> mutations) implements Step {

		@Override
		public String describe() {
			return "final " + this.status + " " + this.mutations + " sdp=" + abbreviate(this.sdp);
		}

	}

	/** A request inside the call's dialog (Call-ID, tags and route of the call). */
	record InDialog(String method, String sdp, List<Mutation> mutations) implements Step {

		@Override
		public String describe() {
			return "in-dialog " + this.method + " " + this.mutations + " sdp=" + abbreviate(this.sdp);
		}

	}

	/** A well-formed request for a call that does not exist. */
	record Stray(String method) implements Step {

		@Override
		public String describe() {
			return "stray " + this.method;
		}

	}

	/** Bytes that are not SIP, or hardly. */
	record Junk(byte[] datagram) implements Step {

		@Override
		public String describe() {
			return "junk of " + this.datagram.length + " bytes";
		}

	}

	/**
	 * One change to a message.
	 *
	 * @param kind what is done
	 * @param index which header (modulo the header count)
	 * @param value the new value, header or start line
	 */
	record Mutation(Kind kind, int index, String value) {

		enum Kind {

			DROP_HEADER, REPEAT_HEADER, HOSTILE_VALUE, EXTRA_HEADER, CONTENT_LENGTH, START_LINE, NO_BLANK_LINE

		}

		@Override
		public String toString() {
			return this.kind + "#" + this.index + "=" + abbreviate(this.value);
		}

	}

	/** The steps of one call, in order. */
	static Arbitrary<List<Step>> calls() {
		Arbitrary<List<Step>> early = Arbitraries
			.frequencyOf(Tuple.of(3, provisional()), Tuple.of(1, junk()), Tuple.of(1, stray()))
			.list()
			.ofMaxSize(3);
		// mostly a clean answer, so that the requests after it reach a confirmed call
		Arbitrary<List<Step>> finals = Arbitraries.frequencyOf(
				Tuple.of(5, Arbitraries.just(List.of(new Final(200, CLEAN_SDP, List.of())))),
				Tuple.of(3, finalResponse().map(List::of)), Tuple.of(1, Arbitraries.just(List.of())));
		Arbitrary<List<Step>> late = Arbitraries
			.frequencyOf(Tuple.of(8, inDialog()), Tuple.of(1, junk()), Tuple.of(1, stray()),
					Tuple.of(1, finalResponse()))
			.list()
			.ofMaxSize(14);
		return Combinators.combine(early, finals, late).as((first, answer, rest) -> {
			List<Step> steps = new ArrayList<>(first);
			steps.addAll(answer);
			steps.addAll(rest);
			return steps;
		});
	}

	static Arbitrary<Step> provisional() {
		return Combinators.combine(Arbitraries.of(100, 180, 183, 181, 199), mutations()).as(Provisional::new);
	}

	static Arbitrary<Step> finalResponse() {
		Arbitrary<Integer> status = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(200)),
				Tuple.of(2, Arbitraries.of(486, 487, 480, 603, 404, 500, 503, 488, 302, 202, 299, 699)));
		return Combinators.combine(status, sdps(), mutations()).as(Final::new);
	}

	static Arbitrary<Step> inDialog() {
		Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("INVITE")),
				Tuple.of(3, Arbitraries.just("UPDATE")), Tuple.of(2, Arbitraries.just("BYE")),
				Tuple.of(2, Arbitraries.of("OPTIONS", "INFO", "CANCEL", "ACK", "PRACK", "NOTIFY", "MESSAGE", "REFER",
						"FOO", "SUBSCRIBE")));
		Arbitrary<String> body = Arbitraries.frequencyOf(Tuple.of(5, sdps()), Tuple.of(1, Arbitraries.just("")));
		return Combinators.combine(method, body, mutations()).as(InDialog::new);
	}

	static Arbitrary<Step> stray() {
		return Arbitraries.of("OPTIONS", "INVITE", "BYE", "INFO", "UPDATE", "FOO").map(Stray::new);
	}

	static Arbitrary<Step> junk() {
		Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
		Arbitrary<byte[]> text = Arbitraries.strings()
			.all()
			.ofMaxLength(300)
			.map((s) -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		Arbitrary<byte[]> sipish = Arbitraries
			.of("SIP/2.0 200 OK\r\n\r\n", "INVITE sip:a@b SIP/2.0\r\n\r\n", "\r\n\r\n", "\r\n", "SIP/2.0",
					"BYE sip:ars@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\n\r\n",
					"SIP/2.0 180 Ringing\r\nContent-Length: 5\r\n\r\n",
					"OPTIONS * SIP/2.0\r\n" + "X: y\r\n".repeat(2_000) + "\r\n")
			.map((s) -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return Arbitraries.oneOf(random, text, sipish).map(Junk::new);
	}

	/** None (well-formed) half of the time, else one to four changes. */
	static Arbitrary<List<Mutation>> mutations() {
		return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<Mutation>of())),
				Tuple.of(1, mutation().list().ofMinSize(1).ofMaxSize(4)));
	}

	static Arbitrary<Mutation> mutation() {
		Arbitrary<Integer> index = Arbitraries.integers().between(0, 1_000);
		Arbitrary<Mutation.Kind> kind = Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.just(Mutation.Kind.DROP_HEADER)),
				Tuple.of(2, Arbitraries.just(Mutation.Kind.REPEAT_HEADER)),
				Tuple.of(5, Arbitraries.just(Mutation.Kind.HOSTILE_VALUE)),
				Tuple.of(2, Arbitraries.just(Mutation.Kind.EXTRA_HEADER)),
				Tuple.of(3, Arbitraries.just(Mutation.Kind.CONTENT_LENGTH)),
				Tuple.of(1, Arbitraries.just(Mutation.Kind.START_LINE)),
				Tuple.of(1, Arbitraries.just(Mutation.Kind.NO_BLANK_LINE)));
		return Combinators.combine(kind, index, hostileValues()).as((what, at, value) -> switch (what) {
			case EXTRA_HEADER -> new Mutation(what, at, extraHeaders().get(at % extraHeaders().size()) + value);
			case CONTENT_LENGTH -> new Mutation(what, at,
					List.of("0", "-1", "1", "99999", "4294967296", "abc", "", " 12 ", "0x10").get(at % 9));
			case START_LINE -> new Mutation(what, at, startLines().get(at % startLines().size()));
			default -> new Mutation(what, at, value);
		});
	}

	private static List<String> extraHeaders() {
		return List.of("Session-Expires: ", "Min-SE: ", "Supported: ", "Require: ", "Record-Route: ", "Route: ",
				"Max-Forwards: ", "Expires: ", "Content-Encoding: ", "Allow: ", "X-Junk: ", "Content-Type: ", "RSeq: ",
				"Reason: ", "Unknown-Header-With-A-Long-Name: ");
	}

	private static List<String> startLines() {
		return List.of("SIP/2.0 999 Whatever", "SIP/2.0 20 OK", "SIP/2.0 abc OK", "SIP/3.0 200 OK", "SIP/2.0 200",
				"SIP/2.0 2000000000 OK", "SIP/2.0  200  OK", "invite sip:ars@127.0.0.1 SIP/2.0", "INVITE sip: SIP/2.0",
				"INVITE tel:+821000000000 SIP/2.0", "BYE sip:ars@127.0.0.1 SIP/1.0", "BYE  SIP/2.0", "X", "",
				"INVITE sip:ars@[::1 SIP/2.0", "SIP/2.0 200 \u00ff\u4e2d");
	}

	/**
	 * Values that break parsers; none is a routable address, so that no request of ours
	 * is ever sent off the loopback.
	 */
	static Arbitrary<String> hostileValues() {
		return Arbitraries.oneOf(
				Arbitraries.of("", " ", "\t", ";", ";;;tag=", "<>", "<sip:>", "<sip:@>", "sip:", "0", "-1",
						"99999999999999999999", "4294967296 INVITE", "1 INVITE", "2 BYE", "-5 UPDATE", "1 invite",
						"application/sdp", "application/sdp;charset=\"", "text/plain", "multipart/mixed;boundary=",
						"1800;refresher=uac", "90;refresher=uas", "0;refresher=", "timer", "100rel",
						"SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK1", "SIP/2.0/TCP", "\u00e9\u4e2d\u6587", "%00%0d%0a",
						"\\", "\"unterminated", "x".repeat(3_000), "a,".repeat(500)),
				Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40));
	}

	/** SDP bodies: our trunk's usual answer or offer, then changed line by line. */
	static Arbitrary<String> sdps() {
		Arbitrary<List<String>> lineChanges = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<String>of())),
				Tuple.of(3, sdpLine().list().ofMinSize(1).ofMaxSize(4)));
		Arbitrary<String> direction = Arbitraries.of("a=sendrecv", "a=sendonly", "a=recvonly", "a=inactive", "");
		Arbitrary<String> connection = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("c=IN IP4 127.0.0.1")),
				Tuple.of(1, Arbitraries.of("c=IN IP4 0.0.0.0", "c=IN IP6 ::1", "c=IN IP4 phone.invalid",
						"c=IN IP4 999.1.1.1", "c=", "c=IN IP4 127.0.0.1/127")));
		Arbitrary<String> media = Arbitraries.frequencyOf(
				Tuple.of(6, Arbitraries.just("m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 0 101")),
				Tuple.of(1,
						Arbitraries.of("m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 8 101", "m=audio 0 RTP/AVP 0",
								"m=audio 70000 RTP/AVP 0", "m=audio x RTP/AVP 0",
								"m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 18", "m=video 5000 RTP/AVP 0",
								"m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP " + "0 ".repeat(2_000),
								"m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 0 2147483648")));
		Arbitrary<String> rtpmap = Arbitraries.of("a=rtpmap:101 telephone-event/8000",
				"a=rtpmap:0 telephone-event/8000", "a=rtpmap:101 telephone-event/16000", "a=rtpmap:x y", "a=rtpmap:",
				"");
		return Combinators
			.combine(connection, media, rtpmap, direction, lineChanges, Arbitraries.integers().between(0, 20))
			.as((c, m, map, dir, changes, position) -> {
				List<String> lines = new ArrayList<>(List.of("v=0", "o=phone 1 1 IN IP4 127.0.0.1", "s=-", c, "t=0 0",
						m, "a=rtpmap:0 PCMU/8000", map, dir));
				for (String change : changes) {
					if (change.isEmpty() && !lines.isEmpty()) {
						lines.remove(position % lines.size());
					}
					else if (change.equals("dup") && !lines.isEmpty()) {
						lines.add(lines.get(position % lines.size()));
					}
					else {
						lines.add(position % (lines.size() + 1), change);
					}
				}
				return String.join("\r\n", lines) + "\r\n";
			});
	}

	/** The phone's RTP port, filled in when the message is sent. */
	static final String RTP_SINK_PLACEHOLDER = "${rtp}";

	/** A usual answer: PCMU and telephone-event. */
	static final String CLEAN_SDP = String.join("\r\n", "v=0", "o=phone 1 1 IN IP4 127.0.0.1", "s=-",
			"c=IN IP4 127.0.0.1", "t=0 0", "m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000",
			"a=rtpmap:101 telephone-event/8000", "a=sendrecv", "");

	private static Arbitrary<String> sdpLine() {
		return Arbitraries.oneOf(Arbitraries.of("", "dup", "=", "x=y", "a=", "a=ptime:x", "a=ptime:-20",
				"a=ptime:99999999999", "m=", "c=IN IP4", "b=AS:99999999999", "a=" + "y".repeat(5_000), "v=1\u0000",
				"\u00e9=\u4e2d", "o=- x y IN IP4 1.2.3.4"),
				Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30));
	}

	/** Applies the mutations to a message and returns the datagram text. */
	static String apply(Message message, List<Mutation> mutations) {
		List<Header> headers = new ArrayList<>(message.headers());
		String startLine = message.startLine();
		String contentLength = String.valueOf(message.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
		boolean blankLine = true;
		for (Mutation mutation : mutations) {
			int at = headers.isEmpty() ? 0 : mutation.index() % headers.size();
			switch (mutation.kind()) {
				case DROP_HEADER -> {
					if (!headers.isEmpty()) {
						headers.remove(at);
					}
				}
				case REPEAT_HEADER -> {
					if (!headers.isEmpty()) {
						headers.add(at, headers.get(at));
					}
				}
				case HOSTILE_VALUE -> {
					// Contact stays: a hostile Contact would send our BYE off the
					// loopback
					if (!headers.isEmpty() && !headers.get(at).name().equalsIgnoreCase("Contact")) {
						headers.set(at, new Header(headers.get(at).name(), mutation.value()));
					}
				}
				case EXTRA_HEADER -> {
					int colon = mutation.value().indexOf(':');
					headers.add(at, new Header(mutation.value().substring(0, colon),
							mutation.value().substring(colon + 1).strip()));
				}
				case CONTENT_LENGTH -> contentLength = mutation.value().isEmpty() ? null : mutation.value();
				case START_LINE -> startLine = mutation.value();
				case NO_BLANK_LINE -> blankLine = false;
			}
		}
		String text = new Message(startLine, headers, message.body()).text(contentLength);
		return blankLine ? text : text.replaceFirst("\r\n\r\n", "\r\n");
	}

	private static String abbreviate(String text) {
		String oneLine = text.replace("\r\n", "|");
		return (oneLine.length() > 120) ? oneLine.substring(0, 120) + "…(" + oneLine.length() + ")" : oneLine;
	}

}
