package com.phoneverify.ars.trunk.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.ars.call.CallEvent;
import com.phoneverify.ars.call.OutboundCall;
import com.phoneverify.ars.call.PlaceCall;
import com.phoneverify.ars.call.Trunk;
import com.phoneverify.ars.media.MediaLeg;
import com.phoneverify.ars.media.RtpMedia;
import gov.nist.javax.sip.SipStackImpl;
import org.jspecify.annotations.Nullable;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * A SIP trunk over JAIN-SIP RI: one SIP stack (with its own {@code javax.sip.STACK_NAME},
 * so several stacks share a JVM), one listening point, every INVITE sent to the
 * configured trunk address. Created without {@code SipFactory}, so no JVM-wide registry
 * holds it. Close it at shutdown.
 */
final class SipTrunk implements Trunk, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SipTrunk.class);

	/** What we answer inside a call; PRACK is not here: we never send 100rel. */
	private static final String ALLOWED_METHODS = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE";

	private final SipStackImpl stack;

	private final SipProvider provider;

	private final Messages messages;

	private final RtpMedia media;

	private final Scheduler events;

	private final Map<String, SipCall> calls = new ConcurrentHashMap<>();

	/** SIP timers of our own (RFC 3261 §9.1: the INVITE given up 64·T1 after CANCEL). */
	private final ScheduledExecutorService timers;

	private final java.time.Duration cancelTimeout;

	/**
	 * @param settings where we listen and where the trunk is
	 * @param media opens the RTP leg of each call
	 * @param events where call events are delivered (never JAIN-SIP's threads)
	 */
	SipTrunk(ArsProperties.Sip settings, RtpMedia media, Scheduler events) {
		this.media = media;
		this.events = events;
		this.cancelTimeout = settings.cancelTimeout();
		this.timers = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sip-timers");
			thread.setDaemon(true);
			return thread;
		});
		String transport = settings.transport().toLowerCase(java.util.Locale.ROOT);
		int localPort = (settings.localPort() != 0) ? settings.localPort() : freeUdpPort(settings.localHost());
		Properties properties = new Properties();
		properties.setProperty("javax.sip.STACK_NAME", "ars-call-service-" + UUID.randomUUID());
		// RFC 3261 dialogs are created and matched by the stack
		properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
		properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
		properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
		// what a peer sends never reaches the log in full (see SipStackLog)
		properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", SipStackLog.class.getName());
		try {
			this.stack = new SipStackImpl(properties);
			ListeningPoint point = this.stack.createListeningPoint(settings.localHost(), localPort, transport);
			this.provider = this.stack.createSipProvider(point);
			this.provider.addSipListener(new Listener());
			this.stack.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start the SIP stack on " + settings.localHost() + ":" + localPort,
					ex);
		}
		this.messages = new Messages(new AddressFactoryImpl(), new HeaderFactoryImpl(), new MessageFactoryImpl(),
				settings, localPort, transport, parseTrunk(settings.trunk()));
		log.info("SIP trunk adapter listening on {}:{}/{}, trunk {}", settings.localHost(), localPort, transport,
				settings.trunk());
	}

	/** The local SIP port (useful when configured as 0). */
	public int localPort() {
		return this.messages.localPort;
	}

	@Override
	public OutboundCall place(PlaceCall request) {
		MediaLeg leg = null;
		try {
			// no free RTP port throws here: the call fails like any other
			leg = this.media.open();
			Request invite = this.messages.invite(request, this.provider.getNewCallId(), leg.offer());
			String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
			SipCall call = new SipCall(this.provider, leg, this.events, this.timers, this.cancelTimeout,
					() -> this.calls.remove(callId));
			this.calls.put(callId, call);
			call.start(invite);
			return call;
		}
		catch (Exception ex) {
			// no media or no INVITE: a call that ends at once
			log.warn("cannot place the call of verification {}: {}", request.verificationId(), ex.toString());
			if (leg != null) {
				leg.close();
			}
			return new FailedCall();
		}
	}

	@Override
	public void close() {
		this.calls.values().forEach(SipCall::hangUp);
		this.timers.shutdownNow();
		try {
			this.stack.stop();
		}
		catch (RuntimeException ex) {
			// JAIN-SIP RI throws from stop() when a message processor never fully
			// started (its UDP port was taken meanwhile by another process): nothing is
			// left to stop, and closing must not fail the context's shutdown
			log.warn("SIP stack did not stop cleanly: {}", ex.toString());
		}
	}

	private static InetSocketAddress parseTrunk(String trunk) {
		int colon = trunk.lastIndexOf(':');
		if (colon < 0) {
			return InetSocketAddress.createUnresolved(trunk, 5060);
		}
		return InetSocketAddress.createUnresolved(trunk.substring(0, colon),
				Integer.parseInt(trunk.substring(colon + 1)));
	}

	private static int freeUdpPort(String host) {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(host))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free UDP port on " + host, ex);
		}
	}

	private SipCall callOf(javax.sip.message.Message message) {
		CallIdHeader callId = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
		return (callId != null) ? this.calls.get(callId.getCallId()) : null;
	}

	/** A call that could not be placed: it ends at once with a transport error. */
	private static final class FailedCall implements OutboundCall {

		@Override
		public Flux<CallEvent> events() {
			return Flux.just(new CallEvent.Ended(CallEvent.Cause.TRANSPORT_ERROR, null));
		}

		@Override
		public void hangUp() {
		}

	}

	/** Builds our requests. */
	static final class Messages {

		private final AddressFactory addresses;

		private final HeaderFactory headers;

		private final MessageFactory factory;

		private final ArsProperties.Sip settings;

		private final int localPort;

		private final String transport;

		private final InetSocketAddress trunk;

		Messages(AddressFactory addresses, HeaderFactory headers, MessageFactory factory, ArsProperties.Sip settings,
				int localPort, String transport, InetSocketAddress trunk) {
			this.addresses = addresses;
			this.headers = headers;
			this.factory = factory;
			this.settings = settings;
			this.localPort = localPort;
			this.transport = transport;
			this.trunk = trunk;
		}

		Request invite(PlaceCall request, CallIdHeader callId, String sdp)
				throws java.text.ParseException, InvalidArgumentException {
			SipURI target = this.addresses.createSipURI(request.to().e164(), this.trunk.getHostString());
			target.setPort(this.trunk.getPort());
			SipURI local = this.addresses.createSipURI(this.settings.fromUser(), this.settings.localHost());
			local.setPort(this.localPort);
			Address from = this.addresses.createAddress(local);
			Address to = this.addresses.createAddress(target);
			Request invite = this.factory.createRequest(target, Request.INVITE, callId,
					this.headers.createCSeqHeader(1L, Request.INVITE),
					this.headers.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current().nextLong())),
					this.headers.createToHeader(to, null),
					List.of(this.headers.createViaHeader(this.settings.localHost(), this.localPort, this.transport,
							null)),
					this.headers.createMaxForwardsHeader(70),
					this.headers.createContentTypeHeader("application", "sdp"), sdp);
			invite.addHeader(this.headers.createContactHeader(this.addresses.createAddress(local)));
			invite.addHeader(this.headers.createUserAgentHeader(List.of("phone-verify-ars/0.1")));
			invite.addHeader(this.headers.createAllowHeader(ALLOWED_METHODS));
			return invite;
		}

		/**
		 * The answer to an OPTIONS outside any dialog (RFC 3261 §11.2): what an INVITE of
		 * the prober would meet, so that trunks probing our liveness see a 200.
		 */
		Response capabilities(Request options) throws java.text.ParseException {
			Response response = this.factory.createResponse(Response.OK, options);
			response.addHeader(this.headers.createAllowHeader(ALLOWED_METHODS));
			response.addHeader(this.headers.createAcceptHeader("application", "sdp"));
			response.addHeader(this.headers.createSupportedHeader("timer"));
			response.addHeader(contact());
			return response;
		}

		/**
		 * An ACK or BYE for a 2xx whose dialog the stack no longer holds: to the 2xx's
		 * Contact, with its From, To (the phone's tag) and Call-ID.
		 */
		Request outOfDialog(Response answer, String method, long seq)
				throws java.text.ParseException, InvalidArgumentException {
			javax.sip.header.ContactHeader contact = (javax.sip.header.ContactHeader) answer
				.getHeader(javax.sip.header.ContactHeader.NAME);
			javax.sip.address.URI target = (contact != null) ? contact.getAddress().getURI()
					: ((javax.sip.header.ToHeader) answer.getHeader(javax.sip.header.ToHeader.NAME)).getAddress()
						.getURI();
			Request request = this.factory.createRequest(target, method,
					(CallIdHeader) answer.getHeader(CallIdHeader.NAME).clone(),
					this.headers.createCSeqHeader(seq, method),
					(javax.sip.header.FromHeader) answer.getHeader(javax.sip.header.FromHeader.NAME).clone(),
					(javax.sip.header.ToHeader) answer.getHeader(javax.sip.header.ToHeader.NAME).clone(),
					List.of(this.headers.createViaHeader(this.settings.localHost(), this.localPort, this.transport,
							null)),
					this.headers.createMaxForwardsHeader(70));
			return request;
		}

		/** Our Contact, required in a 2xx to an INVITE. */
		javax.sip.header.ContactHeader contact() throws java.text.ParseException {
			SipURI local = this.addresses.createSipURI(this.settings.fromUser(), this.settings.localHost());
			local.setPort(this.localPort);
			return this.headers.createContactHeader(this.addresses.createAddress(local));
		}

		/**
		 * RFC 4028: a request with Session-Expires is a session refresh; its 2xx carries
		 * the interval back with the refresher (the requester, {@code uac}, unless it
		 * named one), and {@code Require: timer} when the requester supports timers.
		 */
		void answerSessionRefresh(Request request, Response response) throws java.text.ParseException {
			javax.sip.header.Header expires = request.getHeader("Session-Expires");
			if (expires == null) {
				expires = request.getHeader("x");
			}
			if (expires == null) {
				return;
			}
			String value = valueOf(expires);
			if (!value.toLowerCase(java.util.Locale.ROOT).contains("refresher=")) {
				value = value + ";refresher=uac";
			}
			response.addHeader(this.headers.createHeader("Session-Expires", value));
			java.util.ListIterator<?> supported = request.getHeaders(javax.sip.header.SupportedHeader.NAME);
			while (supported != null && supported.hasNext()) {
				if (valueOf((javax.sip.header.Header) supported.next()).toLowerCase(java.util.Locale.ROOT)
					.contains("timer")) {
					response.addHeader(this.headers.createRequireHeader("timer"));
					break;
				}
			}
		}

		private static String valueOf(javax.sip.header.Header header) {
			String text = header.toString().strip();
			return text.substring(text.indexOf(':') + 1).strip();
		}

	}

	/**
	 * JAIN-SIP's callbacks: find the call, hand the message over, return. Nothing here
	 * blocks.
	 */
	private final class Listener implements SipListener {

		@Override
		public void processResponse(ResponseEvent event) {
			SipCall call = callOf(event.getResponse());
			if (call != null) {
				call.onResponse(event.getResponse(), event.getClientTransaction(), event.getDialog());
			}
			else {
				endStrayAnswer(event);
			}
		}

		/**
		 * A 2xx to an INVITE whose call is gone (given up after its CANCEL went
		 * unanswered): RFC 3261 §13.2.2.4 - ACK it, and since nobody wants the session
		 * any more, BYE it, so the phone is not left connected to no one.
		 */
		private void endStrayAnswer(ResponseEvent event) {
			Response response = event.getResponse();
			javax.sip.header.CSeqHeader cseq = (javax.sip.header.CSeqHeader) response
				.getHeader(javax.sip.header.CSeqHeader.NAME);
			if (cseq == null || !Request.INVITE.equals(cseq.getMethod()) || response.getStatusCode() < 200
					|| response.getStatusCode() >= 300) {
				return;
			}
			log.info("a 200 OK came for a call that was already given up: ACK and BYE");
			try {
				javax.sip.Dialog dialog = event.getDialog();
				if (dialog != null && dialog.getState() != null) {
					dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
					dialog
						.sendRequest(SipTrunk.this.provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
					return;
				}
			}
			catch (Exception ex) {
				log.debug("no dialog to end the late answer in, building ACK and BYE from it: {}", ex.toString());
			}
			try {
				Request ack = SipTrunk.this.messages.outOfDialog(response, Request.ACK, cseq.getSeqNumber());
				SipTrunk.this.provider.sendRequest(ack);
				Request bye = SipTrunk.this.messages.outOfDialog(response, Request.BYE, cseq.getSeqNumber() + 1);
				SipTrunk.this.provider.getNewClientTransaction(bye).sendRequest();
			}
			catch (Exception ex) {
				log.warn("cannot end a late 200 OK: {}", ex.toString());
			}
		}

		@Override
		public void processRequest(RequestEvent event) {
			Request request = event.getRequest();
			SipCall call = callOf(request);
			if (Request.ACK.equals(request.getMethod())) {
				if (call != null) {
					call.onAck(body(request));
				}
				return;
			}
			if (call != null
					&& (Request.INVITE.equals(request.getMethod()) || Request.UPDATE.equals(request.getMethod()))) {
				reOffer(event, call);
				return;
			}
			if (call == null && Request.OPTIONS.equals(request.getMethod()) && outsideAnyDialog(request)) {
				answerProbe(event);
				return;
			}
			int status;
			if (call == null) {
				status = Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
			}
			else if (Request.BYE.equals(request.getMethod())) {
				status = Response.OK;
			}
			else if (Request.OPTIONS.equals(request.getMethod())) {
				status = Response.OK;
			}
			else if (Request.INFO.equals(request.getMethod())) {
				// Keys are read from RFC 4733 events only. Refusing an INFO (dtmf-relay)
				// tells the
				// phone that its key did not arrive, instead of accepting and losing it.
				status = Response.UNSUPPORTED_MEDIA_TYPE;
			}
			else {
				status = Response.NOT_IMPLEMENTED;
			}
			respond(event, status);
			if (call != null && status == Response.OK && Request.BYE.equals(request.getMethod())) {
				call.onRemoteBye();
			}
		}

		/**
		 * A re-INVITE or UPDATE in one of our dialogs: answered with SDP (RFC 3264 §8); a
		 * session refresh (RFC 4028) gets its Session-Expires back.
		 */
		private void reOffer(RequestEvent event, SipCall call) {
			Request request = event.getRequest();
			SipCall.Reply reply = call.onOffer(request.getMethod(), body(request));
			try {
				Response response = SipTrunk.this.messages.factory.createResponse(reply.status(), request);
				if (reply.status() >= 200 && reply.status() < 300) {
					SipTrunk.this.messages.answerSessionRefresh(request, response);
					response.addHeader(SipTrunk.this.messages.contact());
				}
				if (reply.sdp() != null) {
					response.setContent(reply.sdp(),
							SipTrunk.this.messages.headers.createContentTypeHeader("application", "sdp"));
				}
				ServerTransaction transaction = event.getServerTransaction();
				if (transaction == null) {
					transaction = SipTrunk.this.provider.getNewServerTransaction(request);
				}
				transaction.sendResponse(response);
			}
			catch (Exception ex) {
				// no dialog to answer in (the INVITE failed, or the request names none of
				// ours): the phone still gets a final response, 481 without a transaction
				log.debug("cannot answer the {} in a call: {}", request.getMethod(), ex.toString());
				respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
			}
		}

		private static boolean outsideAnyDialog(Request request) {
			javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) request
				.getHeader(javax.sip.header.ToHeader.NAME);
			return to == null || to.getTag() == null;
		}

		private void answerProbe(RequestEvent event) {
			try {
				ServerTransaction transaction = event.getServerTransaction();
				if (transaction == null) {
					transaction = SipTrunk.this.provider.getNewServerTransaction(event.getRequest());
				}
				transaction.sendResponse(SipTrunk.this.messages.capabilities(event.getRequest()));
			}
			catch (Exception ex) {
				log.debug("cannot answer an OPTIONS probe: {}", ex.toString());
			}
		}

		private static @Nullable String body(Request request) {
			byte[] raw = request.getRawContent();
			return (raw != null && raw.length > 0) ? new String(raw, java.nio.charset.StandardCharsets.US_ASCII) : null;
		}

		/**
		 * Answers through the request's transaction. When the stack refuses (e.g. "Dialog
		 * mismatch!" for a BYE in a dialog whose INVITE got a garbled final response:
		 * there is no dialog to end), answers 481 Call/Transaction Does Not Exist
		 * instead, and as a last resort statelessly: every request gets a final response
		 * (RFC 3261).
		 */
		private void respond(RequestEvent event, int status) {
			String method = event.getRequest().getMethod();
			ServerTransaction transaction;
			try {
				transaction = event.getServerTransaction();
				if (transaction == null) {
					transaction = SipTrunk.this.provider.getNewServerTransaction(event.getRequest());
				}
			}
			catch (Exception ex) {
				log.debug("no transaction to answer {} in: {}", method, ex.toString());
				transaction = null;
			}
			if (transaction != null && sendIn(transaction, event, status)) {
				return;
			}
			try {
				if (transaction != null) {
					// the stack sends nothing statelessly while it holds the transaction
					transaction.terminate();
				}
				SipTrunk.this.provider.sendResponse(SipTrunk.this.messages.factory
					.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, event.getRequest()));
			}
			catch (Exception ex) {
				log.debug("cannot answer {} with {}: {}", method, status, ex.toString());
			}
		}

		private boolean sendIn(ServerTransaction transaction, RequestEvent event, int status) {
			try {
				transaction.sendResponse(SipTrunk.this.messages.factory.createResponse(status, event.getRequest()));
				return true;
			}
			catch (Exception ex) {
				log.debug("cannot answer {} with {} in its transaction: {}", event.getRequest().getMethod(), status,
						ex.toString());
				return false;
			}
		}

		@Override
		public void processTimeout(TimeoutEvent event) {
			ClientTransaction transaction = event.getClientTransaction();
			if (transaction == null) {
				return;
			}
			SipCall call = callOf(transaction.getRequest());
			if (call != null) {
				call.onTimeout(transaction.getRequest().getMethod());
			}
		}

		@Override
		public void processIOException(IOExceptionEvent event) {
			// UDP rarely reports these; they carry no Call-ID, so every call still
			// waiting for its first response is failed
			log.warn("SIP transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
			SipTrunk.this.calls.values().forEach(SipCall::onTransportError);
		}

		@Override
		public void processTransactionTerminated(TransactionTerminatedEvent event) {
		}

		@Override
		public void processDialogTerminated(DialogTerminatedEvent event) {
		}

	}

}
