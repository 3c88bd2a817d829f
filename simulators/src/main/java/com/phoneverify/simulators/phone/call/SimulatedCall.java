package com.phoneverify.simulators.phone.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.media.MediaSession;
import com.phoneverify.media.codec.G711;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One call that arrived at a simulated phone. The query methods are for tests and the
 * HTTP API; the {@code record…} methods are called by the signalling edge as the SIP
 * dialog progresses. Thread-safe.
 */
public final class SimulatedCall {

	private final String id = UUID.randomUUID().toString();

	private final String number;

	private final Instant startedAt;

	private final Clock clock;

	private final CallControl control;

	private final Duration keyTone;

	private final Duration keyGap;

	private final Sinks.Empty<Void> ended = Sinks.empty();

	private CallState state = CallState.RINGING;

	private int sipStatusSent;

	private @Nullable Instant answeredAt;

	private @Nullable Instant endedAt;

	private @Nullable Party endedBy;

	private @Nullable MediaSession media;

	private @Nullable G711 codec;

	/**
	 * A ringing call.
	 * @param number the dialed number (canonical form)
	 * @param clock the clock for the call's times
	 * @param control how the phone hangs up
	 * @param keyTone how long each pressed key sounds
	 * @param keyGap the pause between pressed keys
	 */
	public SimulatedCall(String number, Clock clock, CallControl control, Duration keyTone, Duration keyGap) {
		this.number = number;
		this.clock = clock;
		this.startedAt = clock.instant();
		this.control = control;
		this.keyTone = keyTone;
		this.keyGap = keyGap;
	}

	/** A unique id, for the HTTP API. */
	public String id() {
		return this.id;
	}

	/**
	 * The dialed number, canonical form. Personal data: never log it, use
	 * {@link #maskedNumber()}.
	 */
	public String number() {
		return this.number;
	}

	/** The dialed number with all but the last two digits hidden. */
	public String maskedNumber() {
		return PhoneNumber.mask(this.number);
	}

	public synchronized CallState state() {
		return this.state;
	}

	/** The last SIP status sent for the INVITE: 100, 180, then the final status. */
	public synchronized int sipStatusSent() {
		return this.sipStatusSent;
	}

	public Instant startedAt() {
		return this.startedAt;
	}

	public synchronized Optional<Instant> answeredAt() {
		return Optional.ofNullable(this.answeredAt);
	}

	public synchronized Optional<Instant> endedAt() {
		return Optional.ofNullable(this.endedAt);
	}

	/** Who ended the call, once it has ended. */
	public synchronized Optional<Party> endedBy() {
		return Optional.ofNullable(this.endedBy);
	}

	/** The negotiated codec, once answered. */
	public synchronized Optional<G711> codec() {
		return Optional.ofNullable(this.codec);
	}

	/**
	 * Types keys on the phone's keypad now: RFC 4733 events in the call's RTP stream.
	 * Sending starts at once, whether or not the result is subscribed to.
	 * @return completes when the last key has been sent; fails with
	 * {@link IllegalStateException} if the call is not answered, or
	 * {@link IllegalArgumentException} for a non-keypad character
	 */
	public Mono<Void> pressKeys(String keys) {
		MediaSession session;
		synchronized (this) {
			session = (this.state == CallState.ANSWERED) ? this.media : null;
		}
		if (session == null) {
			return Mono.error(new IllegalStateException("the call is not answered"));
		}
		try {
			ArmedKeys.requireKeys(keys);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(ex);
		}
		Mono<Void> sending = session.sendKeys(keys, this.keyTone, this.keyGap).cache();
		// a call that ends while keys are queued is not an error worth reporting here
		sending.subscribe(null, (failure) -> {
		});
		return sending;
	}

	/**
	 * Hangs up from the phone's side (BYE after the answer, 603 Decline while ringing).
	 */
	public void hangUp() {
		if (state() != CallState.ENDED) {
			this.control.hangUp(this);
		}
	}

	/**
	 * The audio received from the caller so far, in the call's codec ({@link #codec()}).
	 */
	public byte[] receivedAudio() {
		MediaSession session;
		synchronized (this) {
			session = this.media;
		}
		return (session != null) ? session.receivedAudio() : new byte[0];
	}

	/** The media session, once answered; the caller's keys are in its {@code keys()}. */
	public synchronized Optional<MediaSession> media() {
		return Optional.ofNullable(this.media);
	}

	/** Completes when the call has ended. */
	public Mono<Void> ended() {
		return this.ended.asMono();
	}

	/** Signalling edge: a provisional response was sent. */
	public synchronized void recordProvisional(int status) {
		if (this.state == CallState.RINGING) {
			this.sipStatusSent = status;
		}
	}

	/**
	 * Signalling edge: 200 OK was sent; media flows on this session.
	 * @return false if the call had already ended (the session is then closed)
	 */
	public boolean recordAnswered(MediaSession session, G711 codec) {
		synchronized (this) {
			if (this.state == CallState.RINGING) {
				this.state = CallState.ANSWERED;
				this.sipStatusSent = 200;
				this.answeredAt = this.clock.instant();
				this.media = session;
				this.codec = codec;
				return true;
			}
		}
		session.close();
		return false;
	}

	/**
	 * Signalling edge: the call is over.
	 * @param by who ended it
	 * @param finalStatus the final status sent for the INVITE, when this ends it (a
	 * rejection or 487), or 0 when the call had been answered
	 * @return false if the call had already ended
	 */
	public boolean recordEnded(Party by, int finalStatus) {
		MediaSession session;
		synchronized (this) {
			if (this.state == CallState.ENDED) {
				return false;
			}
			this.state = CallState.ENDED;
			if (finalStatus != 0) {
				this.sipStatusSent = finalStatus;
			}
			this.endedAt = this.clock.instant();
			this.endedBy = by;
			session = this.media;
		}
		if (session != null) {
			session.close();
		}
		this.ended.tryEmitEmpty();
		return true;
	}

	@Override
	public String toString() {
		return "SimulatedCall[id=" + this.id + ", number=" + maskedNumber() + ", state=" + state() + ", startedAt="
				+ this.startedAt + ", endedAt=" + endedAt().map(Instant::toString).orElse("-") + "]";
	}

}
