package com.phoneverify.ars.trunk.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.phoneverify.ars.trunk.sip.RawSipPhone.Message;

/** The phone's view of one call: our INVITE, its tag, its CSeq. */
final class PhoneDialog {

	final Message invite;

	final String tag;

	private long cseq;

	PhoneDialog(Message invite, String tag) {
		this.invite = invite;
		this.tag = tag;
	}

	/**
	 * Answers our INVITE as a phone does: 180, then 200 with PCMU and telephone-event
	 * towards {@code rtpPort}; the caller waits for our ACK.
	 */
	static PhoneDialog answer(RawSipPhone phone, Message invite, String tag, int rtpPort) {
		PhoneDialog dialog = new PhoneDialog(invite, tag);
		phone.send(invite.response(180, "Ringing", tag, phone.port()).text());
		phone.send(invite.response(200, "OK", tag, phone.port())
			.withBody("application/sdp",
					String.join("\r\n", "v=0", "o=phone 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
							"m=audio " + rtpPort + " RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000",
							"a=rtpmap:101 telephone-event/8000", "a=sendrecv", ""))
			.text());
		return dialog;
	}

	long nextCseq() {
		return ++this.cseq;
	}

	/** A request of the phone inside the dialog (RFC 3261 §12.2.1.1). */
	Message request(String method, long cseq, int phonePort) {
		String target = this.invite.header("Contact").orElseThrow().replaceAll("^<|>$", "");
		return new Message(method + " " + target + " SIP/2.0",
				List.of(new RawSipPhone.Header("Via",
						"SIP/2.0/UDP 127.0.0.1:" + phonePort + ";branch=" + RawSipPhone.newBranch()),
						new RawSipPhone.Header("Max-Forwards", "70"),
						new RawSipPhone.Header("From", this.invite.header("To").orElseThrow() + ";tag=" + this.tag),
						new RawSipPhone.Header("To", this.invite.header("From").orElseThrow()),
						new RawSipPhone.Header("Call-ID", this.invite.callId()),
						new RawSipPhone.Header("CSeq", cseq + " " + method),
						new RawSipPhone.Header("Contact", "<sip:phone@127.0.0.1:" + phonePort + ">")),
				"");
	}

	/** A well-formed request outside any call of ours. */
	static Message stray(String method, int stackPort, int phonePort) {
		String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
		return new Message(method + " sip:ars@127.0.0.1:" + stackPort + " SIP/2.0",
				List.of(new RawSipPhone.Header("Via",
						"SIP/2.0/UDP 127.0.0.1:" + phonePort + ";branch=" + RawSipPhone.newBranch()),
						new RawSipPhone.Header("Max-Forwards", "70"),
						new RawSipPhone.Header("From", "<sip:prober@127.0.0.1:" + phonePort + ">;tag=" + id),
						new RawSipPhone.Header("To", "<sip:ars@127.0.0.1:" + stackPort + ">"),
						new RawSipPhone.Header("Call-ID", "stray-" + id), new RawSipPhone.Header("CSeq", "1 " + method),
						new RawSipPhone.Header("Contact", "<sip:prober@127.0.0.1:" + phonePort + ">")),
				"");
	}

	/** The ACK of a final response to an INVITE the phone sent. */
	static Message ack(Message invite, Message response, long cseq) {
		List<RawSipPhone.Header> headers = new ArrayList<>();
		for (RawSipPhone.Header header : invite.headers()) {
			switch (header.name()) {
				case "Via" ->
					headers.add(
							(response.status() < 300)
									? new RawSipPhone.Header("Via",
											header.value()
												.replaceAll("branch=[^;]+", "branch=" + RawSipPhone.newBranch()))
									: header);
				case "To" -> headers.add(new RawSipPhone.Header("To", response.header("To").orElse(header.value())));
				case "CSeq" -> headers.add(new RawSipPhone.Header("CSeq", cseq + " ACK"));
				case "Max-Forwards", "From", "Call-ID" -> headers.add(header);
				default -> {
				}
			}
		}
		return new Message(invite.startLine().replaceFirst("^INVITE", "ACK"), headers, "");
	}

}
