package com.phoneverify.simulators.phone.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
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
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import com.phoneverify.media.MediaSession;
import com.phoneverify.media.RtpMediaEngine;
import com.phoneverify.media.codec.G711;
import com.phoneverify.media.sdp.SdpOffer;
import com.phoneverify.media.sdp.SessionDescription;
import com.phoneverify.simulators.phone.call.CallBook;
import com.phoneverify.simulators.phone.call.NumberRule;
import com.phoneverify.simulators.phone.call.Party;
import com.phoneverify.simulators.phone.call.PhoneBehaviour;
import com.phoneverify.simulators.phone.call.PhoneNumbers;
import com.phoneverify.simulators.phone.call.SimulatedCall;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP user agent server (JAIN-SIP RI, UDP) answering for every simulated phone: it
 * turns INVITE, ACK, CANCEL and BYE into {@link SimulatedCall}s and back. Listener
 * callbacks only translate; timed work (ringing, hanging up, typing keys) runs on the
 * given scheduler.
 * <p>
 * The stack is created directly ({@link SipStackImpl}) rather than through
 * {@code SipFactory}: the factory is a JVM-wide singleton whose path name and stack
 * registry other code may change or reset, so bypassing it lets any number of simulators
 * and other JAIN-SIP stacks share one JVM. Each stack still gets a unique
 * {@code javax.sip.STACK_NAME}.
 */
public final class SipPhoneExchange implements SipListener, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SipPhoneExchange.class);

	private static final AtomicInteger stackCounter = new AtomicInteger();

	private static final List<G711> SUPPORTED_CODECS = List.of(G711.PCMU, G711.PCMA);

	private final SipExchangeSettings settings;

	private final CallBook book;

	private final RtpMediaEngine media;

	private final ScheduledExecutorService scheduler;

	private final Clock clock = Clock.systemUTC();

	private final SipStack stack;

	private final SipProvider provider;

	private final InetSocketAddress address;

	private final AddressFactory addressFactory = new AddressFactoryImpl();

	private final HeaderFactory headerFactory = new HeaderFactoryImpl();

	private final MessageFactory messageFactory = new MessageFactoryImpl();

	private final Map<String, Leg> legs = new ConcurrentHashMap<>();

	private SipPhoneExchange(SipExchangeSettings settings, CallBook book, RtpMediaEngine media,
			ScheduledExecutorService scheduler)
			throws SipException, InvalidArgumentException, TooManyListenersException {
		this.settings = settings;
		this.book = book;
		this.media = media;
		this.scheduler = scheduler;
		int port = (settings.port() != 0) ? settings.port() : freeUdpPort(settings.host());
		this.stack = new SipStackImpl(stackProperties());
		ListeningPoint listeningPoint = this.stack.createListeningPoint(settings.host(), port, ListeningPoint.UDP);
		this.provider = this.stack.createSipProvider(listeningPoint);
		this.provider.addSipListener(this);
		this.stack.start();
		this.address = new InetSocketAddress(settings.host(), listeningPoint.getPort());
	}

	/**
	 * Starts listening.
	 * @throws IllegalStateException if the stack cannot start (e.g. the port is taken)
	 */
	public static SipPhoneExchange start(SipExchangeSettings settings, CallBook book, RtpMediaEngine media,
			ScheduledExecutorService scheduler) {
		try {
			return new SipPhoneExchange(settings, book, media, scheduler);
		}
		catch (SipException | InvalidArgumentException | TooManyListenersException ex) {
			throw new IllegalStateException("SIP stack did not start on " + settings.host() + ":" + settings.port(),
					ex);
		}
	}

	/** Where the exchange receives SIP over UDP. */
	public InetSocketAddress address() {
		return this.address;
	}

	@Override
	public void close() {
		this.legs.values().forEach((leg) -> leg.call.recordEnded(Party.PHONE, 0));
		this.stack.stop();
	}

	@Override
	public void processRequest(RequestEvent event) {
		Request request = event.getRequest();
		try {
			switch (request.getMethod()) {
				case Request.INVITE -> onInvite(event);
				case Request.ACK -> onAck(request);
				case Request.CANCEL -> onCancel(event);
				case Request.BYE -> onBye(event);
				case Request.OPTIONS -> respond(serverTransaction(event), Response.OK, null);
				default -> respond(serverTransaction(event), Response.NOT_IMPLEMENTED, null);
			}
		}
		catch (TransactionAlreadyExistsException ex) {
			// a retransmission the transaction layer already answers
		}
		catch (SipException | ParseException | InvalidArgumentException | RuntimeException ex) {
			logger.warn("Handling {} failed", request.getMethod(), ex);
		}
	}

	private void onInvite(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
		Request invite = event.getRequest();
		String callId = callId(invite);
		Leg existing = this.legs.get(callId);
		ServerTransaction transaction = serverTransaction(event);
		if (existing != null) {
			// a re-INVITE within the dialog: keep the session as it is (RFC 3264 §8)
			respond(transaction, Response.OK, existing);
			return;
		}
		if (!(invite.getRequestURI() instanceof SipURI uri) || uri.getUser() == null) {
			respond(transaction, Response.NOT_FOUND, null);
			return;
		}
		String number = PhoneNumbers.normalize(uri.getUser());
		Leg leg = new Leg(callId, invite, transaction, UUID.randomUUID().toString().substring(0, 8));
		leg.call = new SimulatedCall(number, this.clock, (call) -> this.scheduler.execute(() -> hangUp(leg)),
				this.settings.keyTone(), this.settings.keyGap());
		this.legs.put(callId, leg);
		this.book.register(leg.call);
		respond(transaction, Response.TRYING, null);
		leg.call.recordProvisional(Response.TRYING);
		PhoneBehaviour behaviour = NumberRule.behaviourFor(this.settings.rules(), number);
		logger.info("INVITE to {}: {}", leg.call.maskedNumber(), behaviour);
		if (behaviour instanceof PhoneBehaviour.Reject reject) {
			reject(leg, reject.status(), Party.PHONE);
			return;
		}
		Optional<SessionDescription> offer = offer(invite);
		if (offer.isEmpty() || offer.get().negotiate(SUPPORTED_CODECS).isEmpty()) {
			// RFC 3261 §13.3.1.3 / RFC 3264 §6: no usable offer; we do not support
			// offer-less INVITEs
			reject(leg, Response.NOT_ACCEPTABLE_HERE, Party.PHONE);
			return;
		}
		leg.offer = offer.get();
		respond(transaction, Response.RINGING, leg);
		leg.call.recordProvisional(Response.RINGING);
		if (!(behaviour instanceof PhoneBehaviour.RingForever)) {
			leg.answerTask = this.scheduler.schedule(() -> answer(leg, behaviour), this.settings.ringDelay().toNanos(),
					TimeUnit.NANOSECONDS);
		}
	}

	private void answer(Leg leg, PhoneBehaviour behaviour) {
		synchronized (leg) {
			if (leg.finalSent) {
				return;
			}
			leg.finalSent = true;
		}
		SessionDescription offer = leg.offer;
		MediaSession session = this.media.open();
		try {
			SdpOffer answer = SdpOffer.answer(offer, session.localAddress(), SUPPORTED_CODECS).orElseThrow();
			leg.answerSdp = answer.toSdp();
			if (!leg.call.recordAnswered(session, answer.preferredCodec())) {
				return;
			}
			// the dialog retransmits this 200 until the ACK arrives (RFC 3261 §13.3.1.4)
			respond(leg.inviteTransaction, Response.OK, leg);
			leg.dialog = leg.inviteTransaction.getDialog();
			session.connect(offer.mediaAddress(), answer.preferredCodec(),
					offer.telephoneEventPayloadTypeOr(SdpOffer.DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE));
		}
		catch (SipException | ParseException | InvalidArgumentException | RuntimeException ex) {
			logger.warn("Answering the call to {} failed", leg.call.maskedNumber(), ex);
			leg.call.recordEnded(Party.PHONE, Response.SERVER_INTERNAL_ERROR);
			return;
		}
		logger.info("Call to {} answered", leg.call.maskedNumber());
		this.book.takeArmed(leg.call.number())
			.ifPresent((armed) -> this.scheduler.schedule(() -> leg.call.pressKeys(armed.keys()),
					armed.delayAfterAnswer().toNanos(), TimeUnit.NANOSECONDS));
		if (behaviour instanceof PhoneBehaviour.AnswerThenHangUp hangUp) {
			this.scheduler.schedule(() -> hangUp(leg), hangUp.after().toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private void onAck(Request ack) {
		Leg leg = this.legs.get(callId(ack));
		if (leg == null) {
			return;
		}
		boolean hangUpNow;
		synchronized (leg) {
			leg.acked = true;
			hangUpNow = leg.hangUpAfterAck;
		}
		if (hangUpNow) {
			this.scheduler.execute(() -> sendBye(leg));
		}
	}

	private void onCancel(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
		Request cancel = event.getRequest();
		ServerTransaction transaction = serverTransaction(event);
		Leg leg = this.legs.get(callId(cancel));
		if (leg == null) {
			respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
			return;
		}
		// RFC 3261 §9.2: 200 to the CANCEL, then 487 to the INVITE unless it was already
		// answered
		respond(transaction, Response.OK, null);
		reject(leg, Response.REQUEST_TERMINATED, Party.CALLER);
	}

	private void onBye(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
		ServerTransaction transaction = serverTransaction(event);
		Leg leg = this.legs.get(callId(event.getRequest()));
		if (leg == null) {
			respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
			return;
		}
		respond(transaction, Response.OK, null);
		if (leg.call.recordEnded(Party.CALLER, 0)) {
			logger.info("Call to {} ended by the caller", leg.call.maskedNumber());
		}
		this.legs.remove(leg.callId);
	}

	/** Sends a final non-2xx status to the INVITE if no final status was sent yet. */
	private void reject(Leg leg, int status, Party endedBy) {
		synchronized (leg) {
			if (leg.finalSent) {
				return;
			}
			leg.finalSent = true;
			if (leg.answerTask != null) {
				leg.answerTask.cancel(false);
			}
		}
		// Recorded before it is sent: whoever sees the final response must find the call
		// ended.
		leg.call.recordEnded(endedBy, status);
		try {
			respond(leg.inviteTransaction, status, leg);
		}
		catch (SipException | ParseException | InvalidArgumentException ex) {
			logger.warn("Sending {} for the call to {} failed", status, leg.call.maskedNumber(), ex);
		}
		this.legs.remove(leg.callId);
		logger.info("Call to {} ended with {}", leg.call.maskedNumber(), status);
	}

	/**
	 * The phone hangs up: 603 while ringing; BYE once answered, after the ACK (RFC 3261
	 * §15).
	 */
	private void hangUp(Leg leg) {
		boolean answered;
		synchronized (leg) {
			answered = leg.finalSent;
			if (answered && !leg.acked) {
				leg.hangUpAfterAck = true;
				return;
			}
		}
		if (answered) {
			sendBye(leg);
		}
		else {
			reject(leg, Response.DECLINE, Party.PHONE);
		}
	}

	private void sendBye(Leg leg) {
		Dialog dialog = leg.dialog;
		if (dialog == null || !leg.call.recordEnded(Party.PHONE, 0)) {
			return;
		}
		try {
			Request bye = dialog.createRequest(Request.BYE);
			ClientTransaction transaction = this.provider.getNewClientTransaction(bye);
			dialog.sendRequest(transaction);
			logger.info("Call to {} hung up by the phone", leg.call.maskedNumber());
		}
		catch (SipException ex) {
			logger.warn("Sending BYE for the call to {} failed", leg.call.maskedNumber(), ex);
		}
		this.legs.remove(leg.callId);
	}

	private void respond(ServerTransaction transaction, int status, @Nullable Leg leg)
			throws SipException, ParseException, InvalidArgumentException {
		Request request = transaction.getRequest();
		Response response = this.messageFactory.createResponse(status, request);
		if (leg != null && status != Response.TRYING) {
			// one To tag for every response of the call: it names our side of the dialog
			ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
			if (to.getTag() == null) {
				to.setTag(leg.toTag);
			}
			if (status < 300) {
				response.addHeader(contact(leg.call.number()));
			}
			if (status == Response.OK && leg.answerSdp != null) {
				response.setContent(leg.answerSdp.getBytes(StandardCharsets.US_ASCII),
						this.headerFactory.createContentTypeHeader("application", "sdp"));
			}
		}
		transaction.sendResponse(response);
	}

	private ContactHeader contact(String user) throws ParseException {
		SipURI uri = this.addressFactory.createSipURI(user, this.address.getAddress().getHostAddress());
		uri.setPort(this.address.getPort());
		return this.headerFactory.createContactHeader(this.addressFactory.createAddress(uri));
	}

	private ServerTransaction serverTransaction(RequestEvent event) throws SipException {
		ServerTransaction transaction = event.getServerTransaction();
		return (transaction != null) ? transaction : this.provider.getNewServerTransaction(event.getRequest());
	}

	private static Optional<SessionDescription> offer(Request invite) {
		byte[] body = invite.getRawContent();
		if (body == null || body.length == 0) {
			return Optional.empty();
		}
		try {
			SessionDescription offer = SessionDescription.parse(new String(body, StandardCharsets.US_ASCII));
			return offer.isRejected() ? Optional.empty() : Optional.of(offer);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String callId(Request request) {
		return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
	}

	@Override
	public void processResponse(ResponseEvent event) {
		// only responses to our BYEs arrive here; nothing depends on them
	}

	@Override
	public void processTimeout(TimeoutEvent event) {
		logger.debug("SIP transaction timed out: {}", event.getTimeout());
	}

	@Override
	public void processIOException(IOExceptionEvent event) {
		logger.debug("SIP I/O error towards {}:{}", event.getHost(), event.getPort());
	}

	@Override
	public void processTransactionTerminated(TransactionTerminatedEvent event) {
	}

	@Override
	public void processDialogTerminated(DialogTerminatedEvent event) {
	}

	private static Properties stackProperties() {
		Properties properties = new Properties();
		properties.setProperty("javax.sip.STACK_NAME", "phone-simulator-" + stackCounter.incrementAndGet() + "-"
				+ UUID.randomUUID().toString().substring(0, 8));
		properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
		// the stack's own trace stays off and writes no files; warnings go through SLF4J
		properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
		properties.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", "gov.nist.javax.sip");
		return properties;
	}

	private static int freeUdpPort(String host) {
		// the RI keeps the requested port 0 in its listening point, so pick a free port
		// first
		try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
			return probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The SIP side of one call. */
	private static final class Leg {

		final String callId;

		final Request invite;

		final ServerTransaction inviteTransaction;

		final String toTag;

		volatile SimulatedCall call;

		volatile SessionDescription offer;

		volatile @Nullable String answerSdp;

		volatile @Nullable Dialog dialog;

		@Nullable ScheduledFuture<?> answerTask;

		boolean finalSent;

		boolean acked;

		boolean hangUpAfterAck;

		Leg(String callId, Request invite, ServerTransaction inviteTransaction, String toTag) {
			this.callId = callId;
			this.invite = invite;
			this.inviteTransaction = inviteTransaction;
			this.toTag = toTag;
		}

	}

}
