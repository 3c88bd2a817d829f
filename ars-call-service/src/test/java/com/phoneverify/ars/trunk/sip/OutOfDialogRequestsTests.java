package com.phoneverify.ars.trunk.sip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.ars.call.CallEvent;
import com.phoneverify.ars.call.OutboundCall;
import com.phoneverify.ars.call.PlaceCall;
import com.phoneverify.ars.trunk.sip.RawSipPhone.Header;
import com.phoneverify.ars.trunk.sip.RawSipPhone.Message;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.phone.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests a phone or a trunk sends that are not part of the usual call flow, answered as
 * RFC 3261 and RFC 3262 say, over real UDP to the trunk's JAIN-SIP stack.
 */
class OutOfDialogRequestsTests {

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);

	private TrunkAndPhone sip;

	private SipTrunk trunk;

	private RawSipPhone phone;

	@BeforeEach
	void start() throws Exception {
		this.sip = new TrunkAndPhone("sip-out-of-dialog-events");
		this.trunk = this.sip.trunk;
		this.phone = this.sip.phone;
	}

	@AfterEach
	void stop() {
		this.sip.close();
	}

	/** RFC 3261 §11.2: OPTIONS outside a dialog is answered as an INVITE would be. */
	@Test
	void anOptionsOutsideACallIsAnsweredOkWithTheMethodsWeAllow() {
		Message options = PhoneDialog.stray("OPTIONS", this.trunk.localPort(), this.phone.port());
		this.phone.send(options.text());

		Message response = responseTo(options).orElseThrow(() -> new AssertionError("no response to OPTIONS"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Allow")).hasValueSatisfying((allow) -> assertThat(allow).contains("INVITE")
			.contains("ACK")
			.contains("BYE")
			.contains("CANCEL")
			.contains("OPTIONS")
			.contains("UPDATE"));
		assertThat(response.header("Accept"))
			.hasValueSatisfying((accept) -> assertThat(accept).contains("application/sdp"));
	}

	/** An OPTIONS that names a dialog we do not have is still 481 (RFC 3261 §12.2.2). */
	@Test
	void anOptionsForAnUnknownDialogIs481() {
		Message options = withToTag(PhoneDialog.stray("OPTIONS", this.trunk.localPort(), this.phone.port()));
		this.phone.send(options.text());

		assertThat(responseTo(options)).hasValueSatisfying((response) -> assertThat(response.status()).isEqualTo(481));
	}

	/** RFC 3262 §3: a PRACK that matches no reliable provisional response is 481. */
	@Test
	void aPrackThatMatchesNothingIs481() {
		Message prack = withToTag(PhoneDialog.stray("PRACK", this.trunk.localPort(), this.phone.port()));
		this.phone.send(prack.text());

		assertThat(responseTo(prack)).hasValueSatisfying((response) -> assertThat(response.status()).isEqualTo(481));
	}

	/**
	 * A re-INVITE that lacks Max-Forwards (RFC 3261 §8.1.1.6 requires it) is still
	 * answered, as robust phones and trunks do, instead of being dropped unanswered; the
	 * call goes on.
	 */
	@Test
	void aReInviteWithoutMaxForwardsIsAnsweredAndTheCallGoesOn() {
		OutboundCall call = this.trunk
			.place(new PlaceCall(VerificationId.random(), PhoneNumber.parse("+821055501234")));
		List<CallEvent> seen = new CopyOnWriteArrayList<>();
		call.events().subscribe(seen::add);
		Message invite = this.phone.next((message) -> message.isRequest("INVITE"), RESPONSE_TIMEOUT).orElseThrow();
		PhoneDialog dialog = PhoneDialog.answer(this.phone, invite, "phone-tag", this.sip.rtpSink.getLocalPort());
		assertThat(this.phone.next((message) -> message.isRequest("ACK"), RESPONSE_TIMEOUT)).as("ACK").isPresent();
		await().atMost(RESPONSE_TIMEOUT).until(() -> seen.stream().anyMatch(CallEvent.Answered.class::isInstance));

		Message reInvite = without(dialog.request("INVITE", dialog.nextCseq(), this.phone.port()), "Max-Forwards");
		this.phone.send(reInvite.text());
		assertThat(responseTo(reInvite)).hasValueSatisfying((response) -> assertThat(response.status()).isEqualTo(200));

		Message bye = dialog.request("BYE", dialog.nextCseq(), this.phone.port());
		this.phone.send(bye.text());
		assertThat(responseTo(bye)).hasValueSatisfying((ok) -> assertThat(ok.status()).isEqualTo(200));
		await().atMost(RESPONSE_TIMEOUT)
			.until(() -> seen.contains(new CallEvent.Ended(CallEvent.Cause.REMOTE_HANGUP, 200)));
	}

	private java.util.Optional<Message> responseTo(Message request) {
		return this.phone.next((message) -> message.isResponse() && message.callId().equals(request.callId())
				&& message.cseqMethod().equals(request.startLine().split(" ")[0]), RESPONSE_TIMEOUT);
	}

	private static Message withToTag(Message request) {
		List<Header> headers = new ArrayList<>();
		for (Header header : request.headers()) {
			headers.add(header.name().equals("To") ? new Header("To", header.value() + ";tag=gone") : header);
		}
		return new Message(request.startLine(), headers, request.body());
	}

	private static Message without(Message request, String name) {
		return new Message(request.startLine(),
				request.headers().stream().filter((header) -> !header.name().equals(name)).toList(), request.body());
	}

}
