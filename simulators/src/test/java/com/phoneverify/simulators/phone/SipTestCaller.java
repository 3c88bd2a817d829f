package com.phoneverify.simulators.phone;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * A minimal JAIN-SIP user agent client for tests: INVITE with an SDP offer, ACK, CANCEL,
 * BYE, and 200 OK to a BYE from the phone. Test code blocks on its queues; that is fine
 * here.
 */
final class SipTestCaller implements SipListener, AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final SipStack stack;

	private final SipProvider provider;

	private final int port;

	private final AddressFactory addresses = new AddressFactoryImpl();

	private final HeaderFactory headers = new HeaderFactoryImpl();

	private final MessageFactory messages = new MessageFactoryImpl();

	private final Map<String, Call> calls = new ConcurrentHashMap<>();

	SipTestCaller() throws Exception {
		try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			this.port = probe.getLocalPort();
		}
		Properties properties = new Properties();
		properties.setProperty("javax.sip.STACK_NAME", "test-caller-" + UUID.randomUUID());
		properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
		properties.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", "gov.nist.javax.sip.testcaller");
		this.stack = new SipStackImpl(properties);
		ListeningPoint point = this.stack.createListeningPoint("127.0.0.1", this.port, ListeningPoint.UDP);
		this.provider = this.stack.createSipProvider(point);
		this.provider.addSipListener(this);
		this.stack.start();
	}

	Call invite(String requestUri, String sdp) throws Exception {
		Address from = this.addresses.createAddress("sip:ars@127.0.0.1:" + this.port);
		Request invite = this.messages.createRequest(this.addresses.createURI(requestUri), Request.INVITE,
				this.provider.getNewCallId(), this.headers.createCSeqHeader(1L, Request.INVITE),
				this.headers.createFromHeader(from, UUID.randomUUID().toString().substring(0, 8)),
				this.headers.createToHeader(this.addresses.createAddress(requestUri), null),
				List.of(this.headers.createViaHeader("127.0.0.1", this.port, "udp", null)),
				this.headers.createMaxForwardsHeader(70));
		invite.addHeader(this.headers.createContactHeader(from));
		invite.setContent(sdp.getBytes(StandardCharsets.US_ASCII),
				this.headers.createContentTypeHeader("application", "sdp"));
		ClientTransaction transaction = this.provider.getNewClientTransaction(invite);
		Call call = new Call(transaction);
		this.calls.put(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(), call);
		transaction.sendRequest();
		return call;
	}

	@Override
	public void processResponse(ResponseEvent event) {
		Response response = event.getResponse();
		Call call = this.calls.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
		if (call == null) {
			return;
		}
		String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
		if (method.equals(Request.INVITE)) {
			if (response.getStatusCode() == Response.OK) {
				call.dialog = event.getDialog();
				call.answer = response;
			}
			call.inviteResponses.add(response.getStatusCode());
		}
		else {
			call.otherResponses.add(method + " " + response.getStatusCode());
		}
	}

	@Override
	public void processRequest(RequestEvent event) {
		Request request = event.getRequest();
		Call call = this.calls.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
		try {
			ServerTransaction transaction = (event.getServerTransaction() != null) ? event.getServerTransaction()
					: this.provider.getNewServerTransaction(request);
			transaction.sendResponse(this.messages.createResponse(Response.OK, request));
			if (call != null && request.getMethod().equals(Request.BYE)) {
				call.byeFromPhone.complete(null);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void processTimeout(TimeoutEvent event) {
	}

	@Override
	public void processIOException(IOExceptionEvent event) {
	}

	@Override
	public void processTransactionTerminated(TransactionTerminatedEvent event) {
	}

	@Override
	public void processDialogTerminated(DialogTerminatedEvent event) {
	}

	@Override
	public void close() {
		this.stack.stop();
	}

	/** One outgoing call. */
	final class Call {

		final ClientTransaction invite;

		final BlockingQueue<Integer> inviteResponses = new LinkedBlockingQueue<>();

		final BlockingQueue<String> otherResponses = new LinkedBlockingQueue<>();

		final CompletableFuture<Void> byeFromPhone = new CompletableFuture<>();

		volatile Dialog dialog;

		volatile Response answer;

		Call(ClientTransaction invite) {
			this.invite = invite;
		}

		/** Waits for the next response status to the INVITE, skipping 100 Trying. */
		int nextStatus() throws InterruptedException {
			while (true) {
				Integer status = this.inviteResponses.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				if (status == null) {
					return -1;
				}
				if (status != Response.TRYING) {
					return status;
				}
			}
		}

		String answerSdp() {
			return new String(this.answer.getRawContent(), StandardCharsets.US_ASCII);
		}

		void ack() throws Exception {
			long cseq = ((CSeqHeader) this.answer.getHeader(CSeqHeader.NAME)).getSeqNumber();
			this.dialog.sendAck(this.dialog.createAck(cseq));
		}

		void cancel() throws Exception {
			ClientTransaction cancel = SipTestCaller.this.provider.getNewClientTransaction(this.invite.createCancel());
			cancel.sendRequest();
		}

		void bye() throws Exception {
			Request bye = this.dialog.createRequest(Request.BYE);
			this.dialog.sendRequest(SipTestCaller.this.provider.getNewClientTransaction(bye));
		}

		String nextOtherResponse() throws InterruptedException {
			return this.otherResponses.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}

	}

}
