package com.phoneverify.sms.smpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.sms.smsc.MobileMessage;
import com.phoneverify.sms.smsc.Receipt;
import com.phoneverify.sms.smsc.Segment;
import com.phoneverify.sms.smsc.SmscPort;
import com.phoneverify.sms.smsc.SubmitResult;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMSC over SMPP 3.4: binds as a transceiver, keeps the link with enquire_link, binds
 * again with exponential backoff when it drops, submits parts (blocking jSMPP calls, on
 * the caller's thread: the dispatcher's submit threads) and hands deliver_sm to the
 * domain.
 * <p>
 * A deliver_sm is answered only after the domain stored it: jSMPP's PDU threads (not
 * Reactor's) wait for that, and a failure answers ESME_RX_T_APPN so that the SMSC
 * delivers it again. A receipt we cannot read is answered ESME_RX_P_APPN (permanent): an
 * SMSC would otherwise resend it for ever.
 */
public final class JsmppSmsc implements SmscPort, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(JsmppSmsc.class);

	static final int ESME_RMSGQFUL = 0x14;

	static final int ESME_RTHROTTLED = 0x58;

	static final int ESME_RX_T_APPN = 0x64;

	static final int ESME_RX_P_APPN = 0x65;

	static final int ESME_RINVCMDID = 0x03;

	private static final Pattern RECEIPT_ID = Pattern.compile("\\bid:(\\S+)");

	private static final Pattern RECEIPT_STAT = Pattern.compile("\\bstat:(\\S+)");

	private static final Pattern RECEIPT_ERR = Pattern.compile("\\berr:(\\S+)");

	private final Settings settings;

	private final Listener listener;

	private final Clock clock;

	private final Thread connector;

	private final Object linkChanged = new Object();

	private volatile @Nullable SMPPSession session;

	private volatile boolean running = true;

	/**
	 * @param host the SMSC
	 * @param port its SMPP port
	 * @param systemId our system_id
	 * @param password our password
	 * @param systemType our system_type
	 * @param bindTimeout how long a bind may take
	 * @param enquireLinkInterval idle time before enquire_link
	 * @param responseTimeout how long we wait for a response
	 * @param reconnectMin first wait before binding again
	 * @param reconnectMax longest wait between binds
	 * @param receiverThreads deliver_sm handled at once
	 * @param handlerTimeout how long a deliver_sm may wait for the domain
	 */
	public record Settings(String host, int port, String systemId, String password, String systemType,
			Duration bindTimeout, Duration enquireLinkInterval, Duration responseTimeout, Duration reconnectMin,
			Duration reconnectMax, int receiverThreads, Duration handlerTimeout) {
	}

	public JsmppSmsc(Settings settings, Listener listener, Clock clock) {
		this.settings = settings;
		this.listener = listener;
		this.clock = clock;
		this.connector = new Thread(this::keepBound, "smpp-connect");
		this.connector.setDaemon(true);
	}

	public void start() {
		this.connector.start();
	}

	@Override
	public boolean isBound() {
		SMPPSession current = this.session;
		return current != null && current.getSessionState().isBound();
	}

	@Override
	public SubmitResult submit(String sender, String recipient, Segment segment) {
		SMPPSession current = this.session;
		if (current == null || !current.getSessionState().isBound()) {
			return new SubmitResult.Unavailable("not bound");
		}
		try {
			OptionalParameter[] tlvs = segment.payload()
					? new OptionalParameter[] { new OptionalParameter.OctetString(
							OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), segment.userData()) }
					: new OptionalParameter[0];
			String id = current
				.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, sender,
						TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, recipient,
						new ESMClass(segment.udhi() ? 0x40 : 0), (byte) 0, (byte) 0, null, null,
						new RegisteredDelivery(1), (byte) 0, DataCodings.newInstance(segment.dataCoding()), (byte) 0,
						segment.payload() ? new byte[0] : segment.userData(), tlvs)
				.getMessageId();
			return new SubmitResult.Accepted(id);
		}
		catch (NegativeResponseException ex) {
			String status = String.format("0x%08X", ex.getCommandStatus());
			return (ex.getCommandStatus() == ESME_RTHROTTLED || ex.getCommandStatus() == ESME_RMSGQFUL)
					? new SubmitResult.Throttled(status) : new SubmitResult.Refused(status);
		}
		catch (PDUException ex) {
			return new SubmitResult.Refused("invalid-pdu");
		}
		catch (ResponseTimeoutException ex) {
			return new SubmitResult.Unavailable("no submit_sm_resp in time");
		}
		catch (InvalidResponseException | IOException | IllegalStateException ex) {
			return new SubmitResult.Unavailable(ex.getClass().getSimpleName());
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.connector.interrupt();
		SMPPSession current = this.session;
		if (current != null) {
			current.unbindAndClose();
		}
	}

	/** Binds, waits while bound, binds again after a drop with exponential backoff. */
	private void keepBound() {
		Duration backoff = this.settings.reconnectMin();
		while (this.running) {
			SMPPSession candidate = newSession();
			try {
				candidate.connectAndBind(this.settings.host(), this.settings.port(),
						new BindParameter(BindType.BIND_TRX, this.settings.systemId(), this.settings.password(),
								this.settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
						this.settings.bindTimeout().toMillis());
				this.session = candidate;
				log.info("SMPP bound as transceiver to {}:{} ({})", this.settings.host(), this.settings.port(),
						this.settings.systemId());
				backoff = this.settings.reconnectMin();
				awaitUnbound(candidate);
				log.warn("SMPP link to {}:{} lost; binding again", this.settings.host(), this.settings.port());
			}
			catch (IOException ex) {
				log.warn("SMPP bind to {}:{} failed ({}); next attempt in {}", this.settings.host(),
						this.settings.port(), ex.getMessage(), backoff);
				candidate.close();
				if (!sleep(backoff)) {
					return;
				}
				backoff = min(backoff.multipliedBy(2), this.settings.reconnectMax());
			}
		}
	}

	private SMPPSession newSession() {
		SMPPSession candidate = new SMPPSession();
		candidate.setTransactionTimer(this.settings.responseTimeout().toMillis());
		candidate.setEnquireLinkTimer((int) this.settings.enquireLinkInterval().toMillis());
		candidate.setPduProcessorDegree(this.settings.receiverThreads());
		candidate.setMessageReceiverListener(new Receiver());
		candidate.addSessionStateListener((newState, oldState, source) -> {
			synchronized (this.linkChanged) {
				this.linkChanged.notifyAll();
			}
		});
		return candidate;
	}

	private void awaitUnbound(SMPPSession candidate) {
		synchronized (this.linkChanged) {
			while (this.running && candidate.getSessionState().isBound()) {
				try {
					this.linkChanged.wait(1000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		if (candidate.getSessionState() != SessionState.CLOSED) {
			candidate.close();
		}
	}

	private boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return this.running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) < 0) ? a : b;
	}

	/** What a delivery receipt says. */
	sealed interface ReceiptReading {

		record Final(Receipt receipt) implements ReceiptReading {
		}

		/** ACCEPTD, ENROUTE: not final, nothing to record. */
		record Intermediate() implements ReceiptReading {
		}

		/** No id or no stat. */
		record Unreadable() implements ReceiptReading {
		}

	}

	/** Reads a receipt from its text ({@code id:… stat:… err:…}) or its TLVs. */
	static ReceiptReading receiptOf(DeliverSm deliverSm) {
		String text = new String((deliverSm.getShortMessage() != null) ? deliverSm.getShortMessage() : new byte[0],
				StandardCharsets.ISO_8859_1);
		String id = find(RECEIPT_ID, text);
		OptionalParameter receipted = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
		if (receipted instanceof OptionalParameter.COctetString tlv) {
			id = tlv.getValueAsString();
		}
		String stat = find(RECEIPT_STAT, text);
		if (id == null || id.isBlank() || id.length() > 65 || stat == null) {
			return new ReceiptReading.Unreadable();
		}
		String err = find(RECEIPT_ERR, text);
		String state = stat.toUpperCase(Locale.ROOT);
		return switch (state) {
			case "DELIVRD" -> new ReceiptReading.Final(new Receipt(id, Receipt.State.DELIVERED, null));
			case "EXPIRED" -> new ReceiptReading.Final(new Receipt(id, Receipt.State.EXPIRED, null));
			case "UNDELIV", "REJECTD", "DELETED", "UNKNOWN" -> new ReceiptReading.Final(
					new Receipt(id, Receipt.State.FAILED, state + ":" + ((err != null) ? err : "-")));
			case "ACCEPTD", "ENROUTE" -> new ReceiptReading.Intermediate();
			default -> new ReceiptReading.Unreadable();
		};
	}

	private static @Nullable String find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}

	static String fingerprint(DeliverSm deliverSm, byte[] bytes) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(String.valueOf(deliverSm.getSourceAddr()).getBytes(StandardCharsets.UTF_8));
			sha.update((byte) 0);
			sha.update(String.valueOf(deliverSm.getDestAddress()).getBytes(StandardCharsets.UTF_8));
			sha.update((byte) 0);
			sha.update(deliverSm.getDataCoding());
			sha.update(bytes);
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private final class Receiver implements MessageReceiverListener {

		@Override
		public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
			if (deliverSm.isSmscDeliveryReceipt()) {
				ReceiptReading reading = receiptOf(deliverSm);
				if (reading instanceof ReceiptReading.Final receipt) {
					handOver(JsmppSmsc.this.listener.onReceipt(receipt.receipt()), "receipt");
				}
				else if (reading instanceof ReceiptReading.Unreadable) {
					log.warn("a delivery receipt without an id or a known stat: refused");
					throw new ProcessRequestException("unreadable delivery receipt", ESME_RX_P_APPN);
				}
				return;
			}
			byte[] bytes = deliverSm.getShortMessage();
			OptionalParameter payload = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
			if ((bytes == null || bytes.length == 0) && payload instanceof OptionalParameter.OctetString octets) {
				bytes = octets.getValue();
			}
			if (bytes == null) {
				bytes = new byte[0];
			}
			byte[] text = bytes;
			if ((deliverSm.getEsmClass() & 0x40) != 0 && bytes.length > 0) {
				// a UDH we do not reassemble (MOs are short): skip it, keep the text
				int headerLength = (bytes[0] & 0xFF) + 1;
				text = (headerLength <= bytes.length) ? java.util.Arrays.copyOfRange(bytes, headerLength, bytes.length)
						: new byte[0];
			}
			MobileMessage message = new MobileMessage(String.valueOf(deliverSm.getSourceAddr()),
					String.valueOf(deliverSm.getDestAddress()), SmppText.decode(text, deliverSm.getDataCoding()),
					fingerprint(deliverSm, bytes), JsmppSmsc.this.clock.instant());
			handOver(JsmppSmsc.this.listener.onMessage(message), "MO");
		}

		private void handOver(reactor.core.publisher.Mono<Void> work, String what) throws ProcessRequestException {
			try {
				// on jSMPP's PDU thread: the SMSC gets its answer once the work is stored
				work.block(JsmppSmsc.this.settings.handlerTimeout());
			}
			catch (RuntimeException ex) {
				log.warn("{} not stored ({}); the SMSC will deliver it again", what, ex.toString());
				throw new ProcessRequestException("not stored, try again", ESME_RX_T_APPN);
			}
		}

		@Override
		public void onAcceptAlertNotification(AlertNotification alertNotification) {
			// nothing waits for a handset to come back
		}

		@Override
		public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
			throw new ProcessRequestException("data_sm is not accepted; send deliver_sm", ESME_RINVCMDID);
		}

	}

}
