package com.phoneverify.simulators.smsc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.PDUStringException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC speaking SMPP 3.4 (jSMPP's server side): accepts binds of every type, answers
 * enquire_link, takes submit_sm (data_coding default, IA5, Latin-1, UCS-2, KS C 5601; UDH
 * concatenation; {@code message_payload}) into the inbox of a virtual handset, sends
 * delivery receipts ({@code id:… stat:DELIVRD err:000}) and mobile-originated messages
 * from a handset as deliver_sm to a bound receiver or transceiver.
 * <p>
 * Receipts and MOs wait in a queue until an ESME that can receive is bound, as a real
 * SMSC keeps them: a receipt for a message submitted before a disconnect arrives after
 * the reconnect. submit_sm of one session are handled one at a time by default
 * ({@link SmscSimulatorOptions#pduProcessorDegree()}), so a disconnect switch drops a
 * connection between two submits and never after taking one without answering.
 * <p>
 * A submit_sm costs little, so that the SMSC is not what a benchmark measures: no log
 * line per PDU, counters instead of scans, and an inbox of at most
 * {@value #INBOX_CAPACITY} messages per handset (the oldest go first).
 */
public final class SmscSimulator implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);

	/** Messages a handset keeps; a handset is read by tests and people, not archived. */
	static final int INBOX_CAPACITY = 1000;

	/** PDUs of a session read ahead of the processor: more than any ESME's window. */
	private static final int PDU_QUEUE_CAPACITY = 1000;

	/** The dates of a receipt's text (SMPP 3.4 Appendix B: YYMMDDhhmm). */
	private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm")
		.withZone(ZoneOffset.UTC);

	static final int ESME_ROK = 0x00;

	static final int ESME_RINVCMDID = 0x03;

	static final int ESME_RMSGQFUL = 0x14;

	static final int ESME_RTHROTTLED = 0x58;

	static final int ESME_RX_T_APPN = 0x64;

	private final SmscSimulatorOptions options;

	private final SMPPServerSessionListener listener;

	private final int port;

	private final SmscSwitches switches = new SmscSwitches();

	private final Concatenation concatenation = new Concatenation();

	private final Map<String, Inbox> inboxes = new ConcurrentHashMap<>();

	/** Whole messages taken since the start or the last {@link #clearInboxes()}. */
	private final AtomicInteger messagesTaken = new AtomicInteger();

	private final List<Bound> sessions = new CopyOnWriteArrayList<>();

	private final DelayQueue<Outgoing> outgoing = new DelayQueue<>();

	private final AtomicLong nextMessageId = new AtomicLong(System.currentTimeMillis() * 1000);

	private final AtomicLong submitsAccepted = new AtomicLong();

	private final AtomicLong submitsRefused = new AtomicLong();

	private final AtomicLong receiptsDelivered = new AtomicLong();

	private final AtomicLong mosDelivered = new AtomicLong();

	private final AtomicLong refusedByEsme = new AtomicLong();

	private final AtomicLong binds = new AtomicLong();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	private SmscSimulator(SmscSimulatorOptions options) throws IOException {
		this.options = options;
		ServerSocket socket = new ServerSocket(options.port(), 50, InetAddress.getByName(options.host()));
		this.port = socket.getLocalPort();
		this.listener = new SMPPServerSessionListener(this.port, new BoundSocket(socket));
		this.listener.setPduProcessorDegree(options.pduProcessorDegree());
		this.listener.setQueueCapacity(PDU_QUEUE_CAPACITY);
		this.listener.setMessageReceiverListener(new Receiver());
		this.threads.add(daemon("smsc-accept", this::acceptLoop));
		for (int i = 0; i < options.deliveryThreads(); i++) {
			this.threads.add(daemon("smsc-deliver-" + i, this::deliveryLoop));
		}
	}

	/** Starts an SMSC on {@code options.port()} (0: a free port). */
	public static SmscSimulator start(SmscSimulatorOptions options) {
		try {
			return new SmscSimulator(options);
		}
		catch (IOException ex) {
			throw new IllegalStateException("SMSC simulator could not listen on " + options.port(), ex);
		}
	}

	public InetSocketAddress address() {
		return new InetSocketAddress(this.options.host(), this.port);
	}

	public SmscSwitches switches() {
		return this.switches;
	}

	/**
	 * What the handset with these digits received, oldest first (its last
	 * {@value #INBOX_CAPACITY}).
	 */
	public List<HandsetMessage> inbox(String digits) {
		Inbox inbox = this.inboxes.get(digits);
		return (inbox != null) ? inbox.snapshot() : List.of();
	}

	/** Every handset's messages. */
	public List<HandsetMessage> allMessages() {
		List<HandsetMessage> all = new ArrayList<>();
		this.inboxes.values().forEach((inbox) -> all.addAll(inbox.snapshot()));
		return all;
	}

	public void clearInboxes() {
		this.inboxes.clear();
		this.messagesTaken.set(0);
	}

	/** {@link Stats#messages()} alone, cheap enough to ask before every message sent. */
	public int messagesTaken() {
		return this.messagesTaken.get();
	}

	public Stats stats() {
		return new Stats(this.submitsAccepted.get(), this.submitsRefused.get(), this.messagesTaken.get(),
				this.receiptsDelivered.get(), this.mosDelivered.get(), this.refusedByEsme.get(), this.binds.get(),
				(int) this.sessions.stream().filter((s) -> s.session.getSessionState().isBound()).count(),
				this.outgoing.size());
	}

	/**
	 * Counters since start.
	 *
	 * @param submitsAccepted submit_sm answered ESME_ROK (each part counts)
	 * @param submitsRefused submit_sm answered with an error (throttling, queue full)
	 * @param messages whole messages taken into the handsets' inboxes since the start or
	 * the last {@link #clearInboxes()} (also those an inbox dropped when full)
	 * @param refusedByEsme deliver_sm the ESME answered with a permanent error
	 * @param waiting receipts and MOs not yet delivered
	 */
	public record Stats(long submitsAccepted, long submitsRefused, int messages, long receiptsDelivered,
			long mosDelivered, long refusedByEsme, long binds, int boundSessions, int waiting) {

		public String toJson() {
			return "{\"submitsAccepted\":" + this.submitsAccepted + ",\"submitsRefused\":" + this.submitsRefused
					+ ",\"messages\":" + this.messages + ",\"receiptsDelivered\":" + this.receiptsDelivered
					+ ",\"mosDelivered\":" + this.mosDelivered + ",\"refusedByEsme\":" + this.refusedByEsme
					+ ",\"binds\":" + this.binds + ",\"boundSessions\":" + this.boundSessions + ",\"waiting\":"
					+ this.waiting + "}";
		}

	}

	/**
	 * A handset replies: a deliver_sm (MO) from {@code fromDigits} to {@code toDigits},
	 * EUC-KR when the text allows, else UCS-2, to a bound ESME (the one with
	 * {@code systemId} when given).
	 * @return the MO, to deliver again with {@link #deliver(MobileOriginated)}
	 */
	public MobileOriginated reply(String fromDigits, String toDigits, String text, @Nullable String systemId) {
		return reply(fromDigits, toDigits, ShortMessageText.encodeForHandset(text), systemId);
	}

	/**
	 * A handset replies in UCS-2 whatever the text (for ESMEs that do not read KS C 5601,
	 * such as Kannel).
	 */
	public MobileOriginated replyInUcs2(String fromDigits, String toDigits, String text, @Nullable String systemId) {
		return reply(fromDigits, toDigits, new ShortMessageText.Encoded(ShortMessageText.UCS2,
				text.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)), systemId);
	}

	private MobileOriginated reply(String fromDigits, String toDigits, ShortMessageText.Encoded encoded,
			@Nullable String systemId) {
		MobileOriginated mo = new MobileOriginated(fromDigits, toDigits, encoded.dataCoding(), (byte) 0,
				encoded.bytes(), systemId);
		deliver(mo);
		return mo;
	}

	/** Delivers a deliver_sm as given (again, or hostile: any bytes, any coding). */
	public void deliver(MobileOriginated mo) {
		this.outgoing.add(new Outgoing(mo, System.nanoTime()));
	}

	/**
	 * A deliver_sm as the SMSC sends it.
	 *
	 * @param esmClass 0 for an MO, 0x04 for a delivery receipt
	 */
	public record MobileOriginated(String from, String to, byte dataCoding, byte esmClass, byte[] shortMessage,
			@Nullable String systemId) {
	}

	/** Closes every bound session now (the link drops; queued receipts wait). */
	public void dropSessions() {
		for (Bound bound : this.sessions) {
			bound.session.close();
		}
	}

	@Override
	public void close() {
		this.running = false;
		// the listener first: an ESME that rebinds at once must not get a session that
		// outlives the SMSC
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			log.debug("closing the SMPP listener", ex);
		}
		dropSessions();
		this.threads.forEach(Thread::interrupt);
	}

	private void acceptLoop() {
		while (this.running) {
			try {
				SMPPServerSession session = this.listener.accept();
				daemon("smsc-bind", () -> awaitBind(session));
			}
			catch (IOException ex) {
				if (this.running) {
					log.warn("SMSC accept failed: {}", ex.toString());
				}
			}
		}
	}

	private void awaitBind(SMPPServerSession session) {
		try {
			BindRequest request = session.waitForBind(10_000);
			if (!this.running) {
				request.reject(0x08); // ESME_RSYSERR: shutting down
				session.close();
				return;
			}
			if (this.options.password() != null && !this.options.password().equals(request.getPassword())) {
				request.reject(0x0E); // ESME_RINVPASWD
				return;
			}
			// known before the bind_resp goes out: an ESME may submit at once,
			// and a submit from an unknown session had no system id (the parts
			// of a long message were then kept apart, seen in a CI run)
			Bound binding = new Bound(session, request.getSystemId(), request.getBindType());
			this.sessions.add(binding);
			try {
				request.accept(this.options.systemId());
			}
			catch (PDUStringException | IOException | RuntimeException ex) {
				this.sessions.remove(binding);
				throw ex;
			}
			this.binds.incrementAndGet();
			if (!this.running) {
				session.close(); // closed while this bind was being accepted
			}
			this.sessions.removeIf((bound) -> !bound.session.getSessionState().isBound()
					&& bound.session.getSessionState() != SessionState.OPEN);
			log.info("SMSC: {} bound as {}", request.getSystemId(), request.getBindType());
		}
		catch (TimeoutException | IOException | PDUStringException | IllegalStateException ex) {
			log.info("SMSC: no bind ({})", ex.toString());
			session.close();
		}
	}

	private void deliveryLoop() {
		while (this.running) {
			Outgoing next;
			try {
				next = this.outgoing.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			Bound target = receiverFor(next.mo.systemId());
			if (target == null) {
				this.outgoing.add(next.later(200));
				continue;
			}
			MobileOriginated mo = next.mo;
			try {
				OptionalParameter[] tlvs = next.receiptedId == null ? new OptionalParameter[0]
						: new OptionalParameter[] {
								new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(),
										next.receiptedId),
								new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE, next.messageState) };
				target.session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
						mo.from(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, mo.to(),
						new ESMClass(mo.esmClass()), (byte) 0, (byte) 0, new RegisteredDelivery(0),
						DataCodings.newInstance(mo.dataCoding()), mo.shortMessage(), tlvs);
				(next.receiptedId != null ? this.receiptsDelivered : this.mosDelivered).incrementAndGet();
			}
			catch (NegativeResponseException ex) {
				if (ex.getCommandStatus() == ESME_RX_T_APPN || ex.getCommandStatus() == ESME_RTHROTTLED) {
					this.outgoing.add(next.later(200));
				}
				else {
					this.refusedByEsme.incrementAndGet();
				}
			}
			catch (Exception ex) {
				// the link is down or the ESME did not answer: keep it for the next bind
				this.outgoing.add(next.later(200));
			}
		}
	}

	private @Nullable Bound receiverFor(@Nullable String systemId) {
		for (Bound bound : this.sessions) {
			if (bound.type.isReceivable() && bound.session.getSessionState().isBound()
					&& (systemId == null || systemId.equals(bound.systemId))) {
				return bound;
			}
		}
		return null;
	}

	private SubmitSmResult submit(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
		SmscSwitches.Verdict verdict = this.switches.nextSubmit();
		if (verdict == SmscSwitches.Verdict.DISCONNECT) {
			log.info("SMSC: dropping the connection (switch)");
			source.close();
			throw new ProcessRequestException("connection dropped", ESME_RX_T_APPN);
		}
		sleep(this.switches.slowResponseMillis());
		if (verdict == SmscSwitches.Verdict.THROTTLE) {
			this.submitsRefused.incrementAndGet();
			throw new ProcessRequestException("throttled", ESME_RTHROTTLED);
		}
		if (verdict == SmscSwitches.Verdict.QUEUE_FULL) {
			this.submitsRefused.incrementAndGet();
			throw new ProcessRequestException("queue full", ESME_RMSGQFUL);
		}
		String messageId = Long.toHexString(this.nextMessageId.incrementAndGet());
		String systemId = systemIdOf(source);
		try {
			take(submit, messageId, systemId);
		}
		catch (IllegalArgumentException ex) {
			this.submitsRefused.incrementAndGet();
			throw new ProcessRequestException(ex.getMessage(), 0x01); // ESME_RINVMSGLEN
		}
		this.submitsAccepted.incrementAndGet();
		if ((submit.getRegisteredDelivery() & 0x03) != 0 && this.switches.receiptsEnabled()) {
			scheduleReceipt(submit, messageId, systemId);
		}
		try {
			return new SubmitSmResult(new MessageId(messageId), new OptionalParameter[0]);
		}
		catch (PDUStringException ex) {
			throw new ProcessRequestException("message id", 0x08);
		}
	}

	private final Map<String, List<String>> partIds = new ConcurrentHashMap<>();

	private void take(SubmitSm submit, String messageId, String systemId) {
		byte[] userData = submit.getShortMessage();
		boolean viaPayload = false;
		OptionalParameter payload = submit.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
		if ((userData == null || userData.length == 0) && payload instanceof OptionalParameter.OctetString octets) {
			userData = octets.getValue();
			viaPayload = true;
		}
		if (userData == null) {
			userData = new byte[0];
		}
		String conversation = systemId + "/" + submit.getSourceAddr() + "/" + submit.getDestAddress();
		byte[] whole;
		int parts = 1;
		if ((submit.getEsmClass() & 0x40) != 0) {
			Concatenation.Segment segment = Concatenation.parse(userData);
			if (segment == null) {
				throw new IllegalArgumentException("UDHI set without a header");
			}
			parts = segment.total();
			String key = conversation + "/" + segment.reference() + "/" + segment.total();
			List<String> ids = this.partIds.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>());
			ids.add(messageId);
			whole = this.concatenation.add(conversation, segment);
			if (whole == null) {
				return;
			}
			this.partIds.remove(key);
			store(submit, List.copyOf(ids), whole, parts, viaPayload);
			return;
		}
		store(submit, List.of(messageId), userData, parts, viaPayload);
	}

	private void store(SubmitSm submit, List<String> ids, byte[] whole, int parts, boolean viaPayload) {
		String text = ShortMessageText.decode(whole, submit.getDataCoding());
		HandsetMessage message = new HandsetMessage(ids, submit.getSourceAddr(), submit.getDestAddress(), text,
				submit.getDataCoding() & 0xFF, parts, viaPayload, Instant.now());
		this.inboxes.computeIfAbsent(submit.getDestAddress(), (k) -> new Inbox()).add(message);
		this.messagesTaken.incrementAndGet();
	}

	private void scheduleReceipt(SubmitSm submit, String messageId, String systemId) {
		boolean delivered = !this.switches.isUnreachable(submit.getDestAddress());
		if (delivered && (submit.getRegisteredDelivery() & 0x03) == 0x02) {
			return; // failure receipts only
		}
		String now = RECEIPT_DATE.format(Instant.now());
		String text = "id:" + messageId + " sub:001 dlvrd:" + (delivered ? "001" : "000") + " submit date:" + now
				+ " done date:" + now + " stat:" + (delivered ? "DELIVRD" : "UNDELIV") + " err:"
				+ (delivered ? "000" : "001") + " text:";
		MobileOriginated receipt = new MobileOriginated(submit.getDestAddress(), submit.getSourceAddr(),
				ShortMessageText.DEFAULT, (byte) 0x04, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
				systemId);
		// message_state (SMPP 3.4 §5.2.28): 2 DELIVERED, 5 UNDELIVERABLE
		this.outgoing.add(new Outgoing(receipt,
				System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.switches.receiptDelayMillis()), messageId,
				delivered ? (byte) 2 : (byte) 5));
	}

	private String systemIdOf(SMPPServerSession session) {
		for (Bound bound : this.sessions) {
			if (bound.session == session) {
				return bound.systemId;
			}
		}
		return "";
	}

	private static void sleep(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Thread daemon(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private record Bound(SMPPServerSession session, String systemId, BindType type) {
	}

	/** A handset's last {@value #INBOX_CAPACITY} messages. */
	private static final class Inbox {

		private final ArrayDeque<HandsetMessage> messages = new ArrayDeque<>();

		synchronized void add(HandsetMessage message) {
			this.messages.addLast(message);
			if (this.messages.size() > INBOX_CAPACITY) {
				this.messages.pollFirst();
			}
		}

		synchronized List<HandsetMessage> snapshot() {
			return List.copyOf(this.messages);
		}

	}

	private static final class Outgoing implements Delayed {

		final MobileOriginated mo;

		final long dueNanos;

		final @Nullable String receiptedId;

		final byte messageState;

		Outgoing(MobileOriginated mo, long dueNanos) {
			this(mo, dueNanos, null, (byte) 0);
		}

		Outgoing(MobileOriginated mo, long dueNanos, @Nullable String receiptedId, byte messageState) {
			this.mo = mo;
			this.dueNanos = dueNanos;
			this.receiptedId = receiptedId;
			this.messageState = messageState;
		}

		Outgoing later(long millis) {
			return new Outgoing(this.mo, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), this.receiptedId,
					this.messageState);
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(this.dueNanos, ((Outgoing) other).dueNanos);
		}

	}

	/** Hands jSMPP the socket we bound, so port 0 works and the port is known. */
	private static final class BoundSocket implements ServerConnectionFactory {

		private final ServerSocket socket;

		BoundSocket(ServerSocket socket) {
			this.socket = socket;
		}

		@Override
		public ServerConnection listen(int port) {
			return new ServerSocketConnection(this.socket);
		}

		@Override
		public ServerConnection listen(int port, int timeout) throws IOException {
			this.socket.setSoTimeout(timeout);
			return listen(port);
		}

		@Override
		public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
			return listen(port, timeout);
		}

	}

	private final class Receiver implements ServerMessageReceiverListener {

		@Override
		public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
				throws ProcessRequestException {
			return submit(submitSm, source);
		}

		@Override
		public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
			throw new ProcessRequestException("data_sm is not supported", ESME_RINVCMDID);
		}

		@Override
		public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
				throws ProcessRequestException {
			throw new ProcessRequestException("submit_multi is not supported", ESME_RINVCMDID);
		}

		@Override
		public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("query_sm is not supported", ESME_RINVCMDID);
		}

		@Override
		public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("replace_sm is not supported", ESME_RINVCMDID);
		}

		@Override
		public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("cancel_sm is not supported", ESME_RINVCMDID);
		}

		@Override
		public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
				throws ProcessRequestException {
			throw new ProcessRequestException("broadcast_sm is not supported", ESME_RINVCMDID);
		}

		@Override
		public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
				throws ProcessRequestException {
			throw new ProcessRequestException("cancel_broadcast_sm is not supported", ESME_RINVCMDID);
		}

		@Override
		public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
				SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("query_broadcast_sm is not supported", ESME_RINVCMDID);
		}

	}

}
