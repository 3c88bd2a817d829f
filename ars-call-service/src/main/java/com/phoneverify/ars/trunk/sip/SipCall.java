package com.phoneverify.ars.trunk.sip;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import com.phoneverify.ars.call.CallEvent;
import com.phoneverify.ars.call.CallMedia;
import com.phoneverify.ars.call.OutboundCall;
import com.phoneverify.ars.media.MediaLeg;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One outbound INVITE and its dialog. Methods are called from JAIN-SIP's threads and from
 * the call runner; all state changes happen under this object's lock and only send UDP
 * datagrams or emit events, so nothing blocks.
 */
final class SipCall implements OutboundCall {

	private static final Logger log = LoggerFactory.getLogger(SipCall.class);

	private enum State {

		CALLING, EARLY, CONFIRMED, ENDED

	}

	private final SipProvider provider;

	private final MediaLeg leg;

	private final Runnable onEnded;

	private final ScheduledExecutorService timers;

	private final Duration cancelTimeout;

	private @Nullable Future<?> cancelTimer;

	private final Sinks.Many<CallEvent> sink = Sinks.many().replay().all();

	private final Flux<CallEvent> events;

	private State state = State.CALLING;

	private @Nullable ClientTransaction invite;

	private @Nullable Dialog dialog;

	private @Nullable Request ack;

	private boolean hangUpRequested;

	private boolean cancelSent;

	private boolean byeSent;

	/** The SDP of the confirmed call, for the phone's later offers (RFC 3264 §8). */
	private @Nullable SessionRenegotiation session;

	/**
	 * Our offer went out in a 200 to an offerless re-INVITE: the answer is in the ACK.
	 */
	private boolean offerInOk;

	/**
	 * The answer to an in-dialog INVITE or UPDATE from the phone.
	 *
	 * @param status the SIP status
	 * @param sdp the SDP body, or null for none
	 */
	record Reply(int status, @Nullable String sdp) {
	}

	SipCall(SipProvider provider, MediaLeg leg, Scheduler events, ScheduledExecutorService timers,
			Duration cancelTimeout, Runnable onEnded) {
		this.provider = provider;
		this.leg = leg;
		this.timers = timers;
		this.cancelTimeout = cancelTimeout;
		this.onEnded = onEnded;
		this.events = this.sink.asFlux().publishOn(events);
	}

	@Override
	public Flux<CallEvent> events() {
		return this.events;
	}

	synchronized void start(Request request) {
		try {
			ClientTransaction transaction = this.provider.getNewClientTransaction(request);
			this.invite = transaction;
			this.dialog = transaction.getDialog();
			transaction.sendRequest();
		}
		catch (Exception ex) {
			log.warn("cannot send INVITE: {}", ex.toString());
			end(CallEvent.Cause.TRANSPORT_ERROR, null);
		}
	}

	@Override
	public synchronized void hangUp() {
		if (this.state == State.ENDED || this.hangUpRequested) {
			return;
		}
		this.hangUpRequested = true;
		if (this.state == State.CONFIRMED) {
			sendBye();
		}
		else if (this.state == State.EARLY) {
			sendCancel();
		}
		else {
			// CALLING: RFC 3261 §9.1 - no CANCEL before a provisional response; it goes
			// out on the first one. Should none come (a final response that reached the
			// transaction but not this call, found by SipTrunkFuzzTests), the INVITE is
			// given up after the same 64·T1 as a CANCEL, so the call still ends.
			scheduleGiveUp();
		}
	}

	private void scheduleGiveUp() {
		if (this.cancelTimer != null) {
			return;
		}
		try {
			this.cancelTimer = this.timers.schedule(this::onCancelTimeout, this.cancelTimeout.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the trunk is closing: nothing outlives it
			log.debug("no give-up timer, the trunk is closing");
		}
	}

	synchronized void onResponse(Response response, @Nullable ClientTransaction transaction,
			@Nullable Dialog responseDialog) {
		CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
		int status = response.getStatusCode();
		String method = cseq.getMethod();
		if (Request.INVITE.equals(method)) {
			onInviteResponse(response, status, cseq, transaction, responseDialog);
		}
		else if (Request.BYE.equals(method) && status >= 200) {
			end(CallEvent.Cause.LOCAL_HANGUP, 200);
		}
	}

	private void onInviteResponse(Response response, int status, CSeqHeader cseq,
			@Nullable ClientTransaction transaction, @Nullable Dialog responseDialog) {
		if (status < 200) {
			if (this.state == State.CALLING) {
				this.state = State.EARLY;
				if (this.hangUpRequested) {
					sendCancel();
				}
			}
			if ((status == Response.RINGING || status == Response.SESSION_PROGRESS) && this.state == State.EARLY) {
				this.sink.tryEmitNext(new CallEvent.Ringing(status));
			}
			return;
		}
		if (status < 300) {
			onInviteOk(response, cseq, transaction, responseDialog);
			return;
		}
		// the stack ACKs non-2xx final responses itself (RFC 3261 §17.1.1.3)
		if (this.cancelSent && status == Response.REQUEST_TERMINATED) {
			end(CallEvent.Cause.LOCAL_HANGUP, status);
		}
		else {
			end(CallEvent.Cause.REFUSED, status);
		}
	}

	private void onInviteOk(Response response, CSeqHeader cseq, @Nullable ClientTransaction transaction,
			@Nullable Dialog responseDialog) {
		Dialog current = (responseDialog != null) ? responseDialog : this.dialog;
		if (current == null) {
			return;
		}
		if (this.ack != null) {
			// RFC 3261 §13.2.2.4: every retransmission of the 2xx gets the same ACK
			resendAck(current);
			return;
		}
		try {
			this.dialog = current;
			this.ack = current.createAck(cseq.getSeqNumber());
			current.sendAck(this.ack);
		}
		catch (Exception ex) {
			log.warn("cannot ACK the 200 OK: {}", ex.toString());
			end(CallEvent.Cause.TRANSPORT_ERROR, 200);
			return;
		}
		if (this.state == State.ENDED) {
			sendBye();
			return;
		}
		this.state = State.CONFIRMED;
		if (this.hangUpRequested) {
			// answered while our CANCEL was under way: end the dialog (RFC 3261 §9.1)
			sendBye();
			return;
		}
		CallMedia media;
		try {
			byte[] body = response.getRawContent();
			String answer = (body != null) ? new String(body, StandardCharsets.US_ASCII) : "";
			media = this.leg.connect(answer);
			this.session = SessionRenegotiation.of(this.leg.offer(), answer);
		}
		catch (IllegalArgumentException ex) {
			log.warn("unusable SDP answer, hanging up: {}", ex.getMessage());
			this.hangUpRequested = true;
			sendBye();
			return;
		}
		this.sink.tryEmitNext(new CallEvent.Answered(media));
	}

	private void resendAck(Dialog current) {
		try {
			current.sendAck(this.ack);
		}
		catch (Exception ex) {
			log.debug("cannot re-send ACK: {}", ex.toString());
		}
	}

	/**
	 * A re-INVITE or UPDATE from the phone (hold, resume, session refresh): RFC 3264 §8
	 * with the negotiated codec; the call and its scenario go on.
	 * @param method {@code INVITE} or {@code UPDATE}
	 * @param sdp the offer in the request, or null when it has none
	 */
	synchronized Reply onOffer(String method, @Nullable String sdp) {
		if (this.state == State.ENDED) {
			return new Reply(481, null);
		}
		if (this.state != State.CONFIRMED || this.session == null) {
			// an offer while our own INVITE is still under way (RFC 3261 §14.2)
			return new Reply(491, null);
		}
		if (sdp != null && !sdp.isBlank()) {
			this.offerInOk = false;
			return this.session.answer(sdp)
				.map((answer) -> new Reply(200, answer))
				.orElseGet(() -> new Reply(488, null));
		}
		if (Request.INVITE.equals(method)) {
			this.offerInOk = true;
			return new Reply(200, this.session.offer());
		}
		// an UPDATE without SDP: a session refresh (RFC 4028)
		return new Reply(200, null);
	}

	/** The ACK of a 200 we sent to a re-INVITE, with the answer if we made the offer. */
	synchronized void onAck(@Nullable String sdp) {
		if (this.offerInOk && this.session != null && sdp != null && !sdp.isBlank()) {
			this.session.answered(sdp);
		}
		this.offerInOk = false;
	}

	synchronized void onRemoteBye() {
		end(CallEvent.Cause.REMOTE_HANGUP, 200);
	}

	synchronized void onTimeout(String method) {
		if (Request.INVITE.equals(method) && this.state != State.CONFIRMED) {
			end(this.cancelSent ? CallEvent.Cause.LOCAL_HANGUP : CallEvent.Cause.TRANSPORT_ERROR, null);
		}
		else if (Request.BYE.equals(method)) {
			end(CallEvent.Cause.LOCAL_HANGUP, 200);
		}
		else if (Request.CANCEL.equals(method) && this.state != State.CONFIRMED) {
			// the CANCEL itself went unanswered for 64·T1: the INVITE is given up too
			giveUpInvite();
		}
	}

	/**
	 * RFC 3261 §9.1: no final response to the canceled INVITE within 64·T1 after the
	 * CANCEL: the INVITE client transaction is destroyed and the call ends, releasing its
	 * RTP leg and its place in the trunk.
	 */
	synchronized void onCancelTimeout() {
		if (this.state == State.CALLING || this.state == State.EARLY) {
			log.info("no final response {} ms after our CANCEL: the INVITE is given up", this.cancelTimeout.toMillis());
			giveUpInvite();
		}
	}

	private void giveUpInvite() {
		if (this.state == State.ENDED) {
			return;
		}
		try {
			if (this.invite != null) {
				this.invite.terminate();
			}
			if (this.dialog != null) {
				this.dialog.delete();
			}
		}
		catch (Exception ex) {
			log.debug("cannot terminate the INVITE transaction: {}", ex.toString());
		}
		end(CallEvent.Cause.LOCAL_HANGUP, null);
	}

	synchronized void onTransportError() {
		if (this.state == State.CALLING) {
			end(CallEvent.Cause.TRANSPORT_ERROR, null);
		}
	}

	private void sendCancel() {
		if (this.cancelSent || this.invite == null) {
			return;
		}
		this.cancelSent = true;
		try {
			Request cancel = this.invite.createCancel();
			this.provider.getNewClientTransaction(cancel).sendRequest();
			scheduleGiveUp();
		}
		catch (Exception ex) {
			log.warn("cannot send CANCEL: {}", ex.toString());
			end(CallEvent.Cause.TRANSPORT_ERROR, null);
		}
	}

	private void sendBye() {
		if (this.byeSent || this.dialog == null) {
			return;
		}
		this.byeSent = true;
		try {
			Request bye = this.dialog.createRequest(Request.BYE);
			ClientTransaction transaction = this.provider.getNewClientTransaction(bye);
			this.dialog.sendRequest(transaction);
		}
		catch (Exception ex) {
			log.warn("cannot send BYE: {}", ex.toString());
			end(CallEvent.Cause.LOCAL_HANGUP, 200);
		}
	}

	private void end(CallEvent.Cause cause, @Nullable Integer finalStatus) {
		if (this.state == State.ENDED) {
			return;
		}
		this.state = State.ENDED;
		if (this.cancelTimer != null) {
			this.cancelTimer.cancel(false);
		}
		this.leg.close();
		this.onEnded.run();
		this.sink.tryEmitNext(new CallEvent.Ended(cause, finalStatus));
		this.sink.tryEmitComplete();
	}

}
