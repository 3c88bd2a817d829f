package com.phoneverify.media;

import java.net.InetSocketAddress;
import java.time.Duration;

import com.phoneverify.media.codec.G711;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A session accepts RTP from its peer only; raw UDP sockets play peer and stranger. */
class PeerSourceLoopbackTests {

	private static final Duration SAFETY = Duration.ofSeconds(10);

	private static final long SSRC = 0x1234_5678L;

	private final RtpMediaEngine engine = RtpMediaEngine.start(MediaEngineOptions.defaults());

	private final RtpPeer peer = new RtpPeer();

	private final RtpPeer stranger = new RtpPeer();

	@AfterEach
	void close() {
		this.engine.close();
		this.peer.close();
		this.stranger.close();
	}

	@Test
	void ignoresAndCountsKeysFromAStrangerOnTheSameAddressWithAnotherPort() {
		MediaSession session = this.engine.open();
		session.connect(this.peer.address(), G711.PCMU, 101);

		StepVerifier.create(session.keys().take(2)).then(() -> {
			// the stranger even copies the peer's SSRC and the next timestamp
			this.stranger.sendKey(session, '9', SSRC, 1000);
			this.stranger.sendKey(session, '8', SSRC, 2000);
			await().atMost(SAFETY).until(() -> session.stats().packetsFromStrangers() == 2);
			this.peer.sendKey(session, '1', SSRC, 1000);
			this.peer.sendKey(session, '2', SSRC, 2000);
		}).expectNext('1', '2').expectComplete().verify(SAFETY);
		assertThat(session.stats().packetsReceived()).isEqualTo(2);
		assertThat(session.stats().packetsDiscarded()).isZero();
	}

	@Test
	void dropsEverythingBeforeConnect() {
		MediaSession session = this.engine.open();

		this.peer.sendKey(session, '1', SSRC, 1000);
		this.peer.sendAudio(session, (byte) 0x11, 160, SSRC);

		await().atMost(SAFETY).until(() -> session.stats().packetsFromStrangers() == 2);
		assertThat(session.stats().packetsReceived()).isZero();
	}

	@Test
	void aNewSsrcFromThePeerStartsANewStream() {
		MediaSession session = this.engine.open();
		session.connect(this.peer.address(), G711.PCMU, 101);

		// the second event's timestamp is not newer: only a new stream reports it
		StepVerifier.create(session.keys().take(2)).then(() -> {
			this.peer.sendKey(session, '1', SSRC, 5000);
			this.peer.sendKey(session, '2', SSRC + 1, 5000);
		}).expectNext('1', '2').expectComplete().verify(SAFETY);
	}

	@Test
	void latchesToTheFirstSourceOnTheSdpAddressWhenAsked() {
		try (RtpMediaEngine latching = RtpMediaEngine
			.start(MediaEngineOptions.defaults().withLatchToFirstSource(true))) {
			MediaSession session = latching.open();
			// the SDP names the peer's address; the first packet comes from another port
			// on the same IP address (a NAT rewriting ports), here the "stranger" socket
			session.connect(this.peer.address(), G711.PCMU, 101);

			StepVerifier.create(session.keys().take(2)).then(() -> {
				this.stranger.sendKey(session, '5', SSRC, 1000);
				await().atMost(SAFETY).until(() -> session.stats().packetsReceived() == 1);
				this.peer.sendKey(session, '6', SSRC, 2000);
				await().atMost(SAFETY).until(() -> session.stats().packetsFromStrangers() == 1);
				this.stranger.sendKey(session, '7', SSRC, 3000);
			}).expectNext('5', '7').expectComplete().verify(SAFETY);
		}
	}

	@Test
	void latchingNeverAcceptsAnotherIpAddress() {
		try (RtpMediaEngine latching = RtpMediaEngine
			.start(MediaEngineOptions.defaults().withLatchToFirstSource(true))) {
			MediaSession session = latching.open();
			session.connect(new InetSocketAddress("192.0.2.10", this.peer.address().getPort()), G711.PCMU, 101);

			this.peer.sendKey(session, '1', SSRC, 1000);

			await().atMost(SAFETY).until(() -> session.stats().packetsFromStrangers() == 1);
			assertThat(session.stats().packetsReceived()).isZero();
		}
	}

}
