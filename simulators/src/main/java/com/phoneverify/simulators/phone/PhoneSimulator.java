package com.phoneverify.simulators.phone;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.media.RtpMediaEngine;
import com.phoneverify.simulators.phone.call.ArmedKeys;
import com.phoneverify.simulators.phone.call.CallBook;
import com.phoneverify.simulators.phone.call.PhoneNumbers;
import com.phoneverify.simulators.phone.call.SimulatedCall;
import com.phoneverify.simulators.phone.sip.SipExchangeSettings;
import com.phoneverify.simulators.phone.sip.SipPhoneExchange;
import reactor.core.publisher.Mono;

/**
 * A running simulated PSTN: one SIP address, many phones. Dial
 * {@code sip:<E.164 number>@<sipAddress>}; the number decides what the phone does
 * ({@link PhoneSimulatorOptions#rules()}). Several simulators can run in one JVM.
 * Thread-safe.
 *
 * <pre>
 * try (PhoneSimulator pstn = PhoneSimulator.start(PhoneSimulatorOptions.defaults())) {
 *     pstn.arm("+821012345678", "123456", Duration.ofMillis(1500));
 *     // ... place the call to pstn.sipUri("+821012345678") ...
 *     Mono&lt;SimulatedCall&gt; call = pstn.awaitCall("+821012345678", Duration.ofSeconds(5));
 * }
 * </pre>
 */
public final class PhoneSimulator implements AutoCloseable {

	private static final AtomicInteger instanceCounter = new AtomicInteger();

	private final CallBook book = new CallBook();

	private final RtpMediaEngine media;

	private final ScheduledExecutorService scheduler;

	private final SipPhoneExchange exchange;

	private PhoneSimulator(PhoneSimulatorOptions options) {
		int instance = instanceCounter.incrementAndGet();
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "phone-simulator-" + instance);
			thread.setDaemon(true);
			return thread;
		});
		this.media = RtpMediaEngine.start(options.media());
		try {
			this.exchange = SipPhoneExchange.start(new SipExchangeSettings(options.sipHost(), options.sipPort(),
					options.rules(), options.ringDelay(), options.keyTone(), options.keyGap()), this.book, this.media,
					this.scheduler);
		}
		catch (RuntimeException ex) {
			this.media.close();
			this.scheduler.shutdownNow();
			throw ex;
		}
	}

	/**
	 * Starts the SIP user agent server and the media engine.
	 * @throws IllegalStateException if the SIP port cannot be bound
	 */
	public static PhoneSimulator start(PhoneSimulatorOptions options) {
		return new PhoneSimulator(options);
	}

	/** Where the simulator receives SIP over UDP. */
	public InetSocketAddress sipAddress() {
		return this.exchange.address();
	}

	/**
	 * The SIP URI that reaches the phone with this number, e.g.
	 * {@code sip:+8210…@127.0.0.1:5070}.
	 */
	public String sipUri(String number) {
		return "sip:" + PhoneNumbers.normalize(number) + "@" + sipAddress().getAddress().getHostAddress() + ":"
				+ sipAddress().getPort();
	}

	/**
	 * The next call to this number not yet returned by an earlier await: one that already
	 * arrived, or the next one to arrive.
	 * @return the call (possibly still ringing), or a
	 * {@link java.util.concurrent.TimeoutException}
	 */
	public Mono<SimulatedCall> awaitCall(String number, Duration timeout) {
		return this.book.awaitCall(number, timeout);
	}

	/** Recent calls, oldest first. */
	public List<SimulatedCall> calls() {
		return this.book.calls();
	}

	/** A recent call by its id. */
	public Optional<SimulatedCall> call(String id) {
		return this.book.find(id);
	}

	/**
	 * Arms the phone with this number: when it answers its next call it types these keys,
	 * {@code delayAfterAnswer} after the answer. Each arming serves one call, in order.
	 * @throws IllegalArgumentException if a character is not a keypad key
	 */
	public void arm(String number, String keys, Duration delayAfterAnswer) {
		this.book.arm(number, new ArmedKeys(keys, delayAfterAnswer));
	}

	/** Ends every call, stops the SIP stack and the media engine. */
	@Override
	public void close() {
		this.exchange.close();
		this.media.close();
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
