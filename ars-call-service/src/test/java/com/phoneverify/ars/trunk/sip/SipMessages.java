package com.phoneverify.ars.trunk.sip;

import com.phoneverify.contracts.Fuzz;
import java.util.ArrayList;
import java.util.List;

import com.phoneverify.ars.trunk.sip.RawSipPhone.Header;
import com.phoneverify.ars.trunk.sip.RawSipPhone.Message;

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
	static List<Step> call(Fuzz fuzz) {
		List<Step> steps = new ArrayList<>(fuzz.list(0, 3, () -> switch (fuzz.weighted(3, 1, 1)) {
			case 0 -> provisional(fuzz);
			case 1 -> junk(fuzz);
			default -> stray(fuzz);
		}));
		// mostly a clean answer, so that the requests after it reach a confirmed call
		switch (fuzz.weighted(5, 3, 1)) {
			case 0 -> steps.add(new Final(200, CLEAN_SDP, List.of()));
			case 1 -> steps.add(finalResponse(fuzz));
			default -> {
			}
		}
		steps.addAll(fuzz.list(0, 14, () -> switch (fuzz.weighted(8, 1, 1, 1)) {
			case 0 -> inDialog(fuzz);
			case 1 -> junk(fuzz);
			case 2 -> stray(fuzz);
			default -> finalResponse(fuzz);
		}));
		return steps;
	}

	static Step provisional(Fuzz fuzz) {
		return new Provisional(fuzz.pick(100, 180, 183, 181, 199), mutations(fuzz));
	}

	static Step finalResponse(Fuzz fuzz) {
		int status = (fuzz.weighted(6, 2) == 0) ? 200
				: fuzz.pick(486, 487, 480, 603, 404, 500, 503, 488, 302, 202, 299, 699);
		return new Final(status, sdp(fuzz), mutations(fuzz));
	}

	static Step inDialog(Fuzz fuzz) {
		String method = switch (fuzz.weighted(6, 3, 2, 2)) {
			case 0 -> "INVITE";
			case 1 -> "UPDATE";
			case 2 -> "BYE";
			default -> fuzz.pick("OPTIONS", "INFO", "CANCEL", "ACK", "PRACK", "NOTIFY", "MESSAGE", "REFER", "FOO",
					"SUBSCRIBE");
		};
		String body = (fuzz.weighted(5, 1) == 0) ? sdp(fuzz) : "";
		return new InDialog(method, body, mutations(fuzz));
	}

	static Step stray(Fuzz fuzz) {
		return new Stray(fuzz.pick("OPTIONS", "INVITE", "BYE", "INFO", "UPDATE", "FOO"));
	}

	static Step junk(Fuzz fuzz) {
		return new Junk(switch (fuzz.between(0, 2)) {
			case 0 -> fuzz.bytes(600);
			case 1 -> fuzz.string(300).getBytes(java.nio.charset.StandardCharsets.UTF_8);
			default -> fuzz
				.pick("SIP/2.0 200 OK\r\n\r\n", "INVITE sip:a@b SIP/2.0\r\n\r\n", "\r\n\r\n", "\r\n", "SIP/2.0",
						"BYE sip:ars@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\n\r\n",
						"SIP/2.0 180 Ringing\r\nContent-Length: 5\r\n\r\n",
						"OPTIONS * SIP/2.0\r\n" + "X: y\r\n".repeat(2_000) + "\r\n")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		});
	}

	/** None (well-formed) half of the time, else one to four changes. */
	static List<Mutation> mutations(Fuzz fuzz) {
		return fuzz.bool() ? List.of() : fuzz.list(1, 4, () -> mutation(fuzz));
	}

	static Mutation mutation(Fuzz fuzz) {
		Mutation.Kind what = KINDS[fuzz.weighted(3, 2, 5, 2, 3, 1, 1)];
		int at = fuzz.between(0, 1_000);
		String value = hostileValue(fuzz);
		return switch (what) {
			case EXTRA_HEADER -> new Mutation(what, at, extraHeaders().get(at % extraHeaders().size()) + value);
			case CONTENT_LENGTH -> new Mutation(what, at,
					List.of("0", "-1", "1", "99999", "4294967296", "abc", "", " 12 ", "0x10").get(at % 9));
			case START_LINE -> new Mutation(what, at, startLines().get(at % startLines().size()));
			default -> new Mutation(what, at, value);
		};
	}

	/** In the order of the weights in {@link #mutation}. */
	private static final Mutation.Kind[] KINDS = { Mutation.Kind.DROP_HEADER, Mutation.Kind.REPEAT_HEADER,
			Mutation.Kind.HOSTILE_VALUE, Mutation.Kind.EXTRA_HEADER, Mutation.Kind.CONTENT_LENGTH,
			Mutation.Kind.START_LINE, Mutation.Kind.NO_BLANK_LINE };

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
	static String hostileValue(Fuzz fuzz) {
		return fuzz.bool()
				? fuzz.pick("", " ", "\t", ";", ";;;tag=", "<>", "<sip:>", "<sip:@>", "sip:", "0", "-1",
						"99999999999999999999", "4294967296 INVITE", "1 INVITE", "2 BYE", "-5 UPDATE", "1 invite",
						"application/sdp", "application/sdp;charset=\"", "text/plain", "multipart/mixed;boundary=",
						"1800;refresher=uac", "90;refresher=uas", "0;refresher=", "timer", "100rel",
						"SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK1", "SIP/2.0/TCP", "\u00e9\u4e2d\u6587", "%00%0d%0a",
						"\\", "\"unterminated", "x".repeat(3_000), "a,".repeat(500))
				: fuzz.string(Fuzz.PRINTABLE, 0, 40);
	}

	/** SDP bodies: our trunk's usual answer or offer, then changed line by line. */
	static String sdp(Fuzz fuzz) {
		String connection = (fuzz.weighted(6, 1) == 0) ? "c=IN IP4 127.0.0.1" : fuzz.pick("c=IN IP4 0.0.0.0",
				"c=IN IP6 ::1", "c=IN IP4 phone.invalid", "c=IN IP4 999.1.1.1", "c=", "c=IN IP4 127.0.0.1/127");
		String media = (fuzz.weighted(6, 1) == 0) ? "m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 0 101"
				: fuzz.pick("m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 8 101", "m=audio 0 RTP/AVP 0",
						"m=audio 70000 RTP/AVP 0", "m=audio x RTP/AVP 0",
						"m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 18", "m=video 5000 RTP/AVP 0",
						"m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP " + "0 ".repeat(2_000),
						"m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 0 2147483648");
		String rtpmap = fuzz.pick("a=rtpmap:101 telephone-event/8000", "a=rtpmap:0 telephone-event/8000",
				"a=rtpmap:101 telephone-event/16000", "a=rtpmap:x y", "a=rtpmap:", "");
		String direction = fuzz.pick("a=sendrecv", "a=sendonly", "a=recvonly", "a=inactive", "");
		List<String> changes = fuzz.bool() ? List.of() : fuzz.list(1, 4, () -> sdpLine(fuzz));
		int position = fuzz.between(0, 20);
		List<String> lines = new ArrayList<>(List.of("v=0", "o=phone 1 1 IN IP4 127.0.0.1", "s=-", connection, "t=0 0",
				media, "a=rtpmap:0 PCMU/8000", rtpmap, direction));
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
	}

	/** The phone's RTP port, filled in when the message is sent. */
	static final String RTP_SINK_PLACEHOLDER = "${rtp}";

	/** A usual answer: PCMU and telephone-event. */
	static final String CLEAN_SDP = String.join("\r\n", "v=0", "o=phone 1 1 IN IP4 127.0.0.1", "s=-",
			"c=IN IP4 127.0.0.1", "t=0 0", "m=audio " + RTP_SINK_PLACEHOLDER + " RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000",
			"a=rtpmap:101 telephone-event/8000", "a=sendrecv", "");

	private static String sdpLine(Fuzz fuzz) {
		return fuzz.bool() ? fuzz.pick("", "dup", "=", "x=y", "a=", "a=ptime:x", "a=ptime:-20", "a=ptime:99999999999",
				"m=", "c=IN IP4", "b=AS:99999999999", "a=" + "y".repeat(5_000), "v=1\u0000", "\u00e9=\u4e2d",
				"o=- x y IN IP4 1.2.3.4") : fuzz.string(Fuzz.PRINTABLE, 0, 30);
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
