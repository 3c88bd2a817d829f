package com.phoneverify.ars.trunk.sip;

import com.phoneverify.contracts.Fuzz;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.phoneverify.ars.call.CallEvent;
import com.phoneverify.ars.call.OutboundCall;
import com.phoneverify.ars.call.PlaceCall;
import com.phoneverify.ars.media.RtpMedia;
import com.phoneverify.ars.trunk.sip.RawSipPhone.Message;
import com.phoneverify.ars.trunk.sip.SipMessages.Final;
import com.phoneverify.ars.trunk.sip.SipMessages.InDialog;
import com.phoneverify.ars.trunk.sip.SipMessages.Junk;
import com.phoneverify.ars.trunk.sip.SipMessages.Provisional;
import com.phoneverify.ars.trunk.sip.SipMessages.Step;
import com.phoneverify.ars.trunk.sip.SipMessages.Stray;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.phone.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIP from the phone side, into the real trunk adapter on its real JAIN-SIP stack over
 * UDP on loopback: calls placed one after another, each answered by a hand-written phone
 * ({@link RawSipPhone}) with generated steps ({@link SipMessages}): provisional and final
 * responses, BYE, re-INVITE, UPDATE, CANCEL, OPTIONS, INFO and unknown requests in the
 * dialog, requests for calls that do not exist and junk, each well-formed or mutated
 * (headers dropped, repeated, hostile; Content-Length wrong; start line broken; SDP lines
 * garbled). At least {@code -Dfuzz.tries} (10,000 unless given) messages in all, the
 * calls generated from {@code -Dfuzz.seed} (see {@link Fuzz}; call {@code n} is try
 * {@code n}).
 * <p>
 * What must hold: every well-formed request gets a final response; every call, hung up by
 * us at the end with a phone that then behaves, reports its end (no call without an
 * outcome) and releases its RTP port; no thread dies; no error is logged; and afterwards
 * the trunk still answers an OPTIONS and carries a well-formed call from INVITE to BYE.
 */
@Isolated("timing: calls must end within seconds, so no other test class shares the two cores meanwhile")
class SipTrunkFuzzTests {

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration END_TIMEOUT = Duration.ofSeconds(20);

	private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

	/** The Call-IDs of the INVITEs so far. */
	private final java.util.Set<String> callIds = new java.util.HashSet<>();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private Thread.UncaughtExceptionHandler previousHandler;

	private TrunkAndPhone sip;

	private RtpMedia media;

	private SipTrunk trunk;

	private RawSipPhone phone;

	private DatagramSocket rtpSink;

	@BeforeEach
	void start() throws Exception {
		this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> this.uncaught.add(ex));
		this.log.start();
		root().addAppender(this.log);
		this.sip = new TrunkAndPhone("sip-fuzz-events");
		this.media = this.sip.media;
		this.trunk = this.sip.trunk;
		this.phone = this.sip.phone;
		this.rtpSink = this.sip.rtpSink;
	}

	@AfterEach
	void stop() {
		this.sip.close();
		root().detachAppender(this.log);
		Thread.setDefaultUncaughtExceptionHandler(this.previousHandler);
	}

	@Test
	void hostileMessagesFromThePhoneSideLeaveNoCallWithoutAnOutcomeAndTheTrunkWorking() {
		Stats stats = new Stats();
		List<String> failures = new ArrayList<>();
		String run = Fuzz.reproduce();
		for (int call = 0; stats.messages < Fuzz.TRIES && failures.size() < 10; call++) {
			int index = call;
			List<String> failed = new ArrayList<>();
			runCall(SipMessages.call(Fuzz.forTry(index)), stats, failed);
			failed.forEach((failure) -> failures.add("call " + index + ": " + failure));
		}

		assertThat(failures).as("well-formed requests left unanswered, or calls without an outcome, with " + run)
			.isEmpty();
		await().atMost(END_TIMEOUT).untilAsserted(() -> assertThat(this.media.openLegs()).as("RTP legs").isZero());
		assertTrunkStillWorks();
		assertThat(this.uncaught).as("uncaught exceptions with " + run).isEmpty();
		assertThat(this.log.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.as("errors logged with " + run)
			.isEmpty();
		System.out.printf("SIP fuzz (%s): %d messages in %d calls; outcomes %s; responses %s; warnings %d%n", run,
				stats.messages, stats.calls, stats.outcomes, stats.responses,
				this.log.list.stream().filter((event) -> event.getLevel() == Level.WARN).count());
		assertThat(stats.messages).isGreaterThanOrEqualTo(Fuzz.TRIES);
	}

	private void runCall(List<Step> steps, Stats stats, List<String> failures) {
		this.phone.drain();
		OutboundCall call = this.trunk
			.place(new PlaceCall(VerificationId.random(), PhoneNumber.parse("+821055501234")));
		List<CallEvent> seen = new CopyOnWriteArrayList<>();
		AtomicReference<CallEvent.Ended> ended = new AtomicReference<>();
		call.events().subscribe((event) -> {
			seen.add(event);
			if (event instanceof CallEvent.Ended end) {
				ended.set(end);
			}
		});
		// a late retransmission of an earlier call's INVITE is not this call's
		Optional<Message> invite = this.phone.next(
				(message) -> message.isRequest("INVITE") && !this.callIds.contains(message.callId()), RESPONSE_TIMEOUT);
		if (invite.isEmpty()) {
			failures.add("no INVITE for a placed call");
			return;
		}
		this.callIds.add(invite.get().callId());
		PhoneDialog dialog = new PhoneDialog(invite.get(),
				"phone" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
		stats.calls++;
		for (Step step : steps) {
			stats.messages++;
			send(step, dialog, stats).ifPresent((unanswered) -> failures.add(unanswered + " in " + describe(steps)));
		}
		tearDown(dialog, call, ended);
		if (ended.get() == null) {
			failures
				.add("no outcome " + END_TIMEOUT + " after hanging up: events " + seen + " after " + describe(steps));
		}
		else {
			stats.outcomes.merge(ended.get().cause().toString(), 1, Integer::sum);
		}
	}

	/** Sends one step; returns a failure when a well-formed request got no response. */
	private Optional<String> send(Step step, PhoneDialog dialog, Stats stats) {
		if (step instanceof Provisional provisional) {
			this.phone.send(SipMessages.apply(
					dialog.invite.response(provisional.status(), "Ringing", dialog.tag, this.phone.port()),
					provisional.mutations()));
		}
		else if (step instanceof Final answer) {
			Message response = dialog.invite.response(answer.status(), "Final", dialog.tag, this.phone.port());
			if (answer.status() < 300 && !answer.sdp().isEmpty()) {
				response = response.withBody("application/sdp", withRtpPort(answer.sdp()));
			}
			this.phone.send(SipMessages.apply(response, answer.mutations()));
		}
		else if (step instanceof InDialog request) {
			long cseq = dialog.nextCseq();
			Message message = dialog.request(request.method(), cseq, this.phone.port());
			if (!request.sdp().isEmpty() && (request.method().equals("INVITE") || request.method().equals("UPDATE"))) {
				message = message.withBody("application/sdp", withRtpPort(request.sdp()));
			}
			this.phone.send(SipMessages.apply(message, request.mutations()));
			// JAIN-SIP drops a PRACK that acknowledges no reliable provisional response
			// ("Dropping out of sequence PRACK"); we never send one, so any PRACK is that
			if (request.mutations().isEmpty() && !request.method().equals("ACK") && !request.method().equals("PRACK")) {
				return awaitFinalResponse(message, cseq, stats).map((missing) -> missing + " " + request.describe());
			}
		}
		else if (step instanceof Stray stray) {
			Message message = PhoneDialog.stray(stray.method(), this.trunk.localPort(), this.phone.port());
			this.phone.send(message.text());
			return awaitFinalResponse(message, 1, stats).map((missing) -> missing + " " + stray.describe());
		}
		else if (step instanceof Junk junk) {
			this.phone.send(junk.datagram());
		}
		return Optional.empty();
	}

	private Optional<String> awaitFinalResponse(Message request, long cseq, Stats stats) {
		String method = request.startLine().split(" ")[0];
		Optional<Message> response = this.phone.next((message) -> message.isResponse() && message.status() >= 200
				&& message.callId().equals(request.callId()) && message.cseqNumber() == cseq
				&& message.cseqMethod().equals(method), RESPONSE_TIMEOUT);
		if (response.isEmpty()) {
			return Optional.of("no final response " + RESPONSE_TIMEOUT + " after");
		}
		stats.responses.merge(method + " " + response.get().status(), 1, Integer::sum);
		if (method.equals("INVITE")) {
			// RFC 3261 §17.1.1.3 and §13.2.2.4: every final response to an INVITE is
			// ACKed
			this.phone.send(PhoneDialog.ack(request, response.get(), cseq).text());
		}
		return Optional.empty();
	}

	/**
	 * The phone behaves from now on: it rings (so that our CANCEL may go out), and
	 * answers our CANCEL with 200 and 487, our BYE with 200, anything else with 200.
	 */
	private void tearDown(PhoneDialog dialog, OutboundCall call, AtomicReference<CallEvent.Ended> ended) {
		this.phone.send(dialog.invite.response(180, "Ringing", dialog.tag, this.phone.port()).text());
		call.hangUp();
		long deadline = System.nanoTime() + END_TIMEOUT.toNanos();
		while (ended.get() == null && System.nanoTime() < deadline) {
			Optional<Message> next = this.phone.next((message) -> !message.isResponse(), Duration.ofMillis(5));
			if (next.isEmpty()) {
				continue;
			}
			Message request = next.get();
			if (request.isRequest("CANCEL") && request.callId().equals(dialog.invite.callId())) {
				this.phone.send(request.response(200, "OK", dialog.tag, this.phone.port()).text());
				this.phone
					.send(dialog.invite.response(487, "Request Terminated", dialog.tag, this.phone.port()).text());
			}
			else if (!request.isRequest("ACK") && !request.isRequest("INVITE") && !request.isRequest("CANCEL")) {
				this.phone.send(request.response(200, "OK", dialog.tag, this.phone.port()).text());
			}
		}
	}

	private void assertTrunkStillWorks() {
		this.phone.drain();
		Message options = PhoneDialog.stray("OPTIONS", this.trunk.localPort(), this.phone.port());
		this.phone.send(options.text());
		assertThat(this.phone.next((message) -> message.isResponse() && message.callId().equals(options.callId()),
				RESPONSE_TIMEOUT))
			.as("a response to OPTIONS")
			.isPresent();

		OutboundCall call = this.trunk
			.place(new PlaceCall(VerificationId.random(), PhoneNumber.parse("+821055501234")));
		List<CallEvent> seen = new CopyOnWriteArrayList<>();
		call.events().subscribe(seen::add);
		Message invite = this.phone.next((message) -> message.isRequest("INVITE"), RESPONSE_TIMEOUT).orElseThrow();
		PhoneDialog dialog = PhoneDialog.answer(this.phone, invite, "phone-final", this.rtpSink.getLocalPort());
		assertThat(this.phone.next((message) -> message.isRequest("ACK"), RESPONSE_TIMEOUT)).as("ACK").isPresent();
		await().atMost(RESPONSE_TIMEOUT).until(() -> seen.stream().anyMatch(CallEvent.Answered.class::isInstance));
		Message bye = dialog.request("BYE", dialog.nextCseq(), this.phone.port());
		this.phone.send(bye.text());
		assertThat(this.phone.next((message) -> message.isResponse() && message.cseqMethod().equals("BYE"),
				RESPONSE_TIMEOUT))
			.hasValueSatisfying((ok) -> assertThat(ok.status()).isEqualTo(200));
		await().atMost(RESPONSE_TIMEOUT)
			.until(() -> seen.contains(new CallEvent.Ended(CallEvent.Cause.REMOTE_HANGUP, 200)));
	}

	private String withRtpPort(String sdp) {
		return sdp.replace(SipMessages.RTP_SINK_PLACEHOLDER, String.valueOf(this.rtpSink.getLocalPort()));
	}

	private static String describe(List<Step> steps) {
		return steps.stream().map(Step::describe).toList().toString();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private static final class Stats {

		int messages;

		int calls;

		final Map<String, Integer> outcomes = new TreeMap<>();

		final Map<String, Integer> responses = new ConcurrentHashMap<>();

	}

}
