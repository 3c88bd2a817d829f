package com.phoneverify.media;

import com.phoneverify.contracts.Fuzz;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.phoneverify.media.codec.G711;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile datagrams from the phone's own address into a real session of a real engine,
 * over UDP on loopback: {@code -Dfuzz.tries} (10,000 unless given) of them, generated
 * from {@code -Dfuzz.seed} (see {@link Fuzz}), then one valid key press. The receiver
 * thread survives them all (no warning from its catch-all, which would mean an exception
 * escaped a datagram), every datagram is counted, and the key press that follows is
 * detected.
 */
class RtpReceiverFuzzTests {

	private final RtpMediaEngine engine = RtpMediaEngine.start(MediaEngineOptions.defaults()
		.withBindAddress(InetAddress.getLoopbackAddress())
		.withRecordReceivedAudio(true));

	private final ListAppender<ILoggingEvent> mediaLog = new ListAppender<>();

	@BeforeEach
	void captureMediaLog() {
		this.mediaLog.start();
		((Logger) LoggerFactory.getLogger("com.phoneverify.media")).addAppender(this.mediaLog);
	}

	@AfterEach
	void closeEngine() {
		((Logger) LoggerFactory.getLogger("com.phoneverify.media")).detachAppender(this.mediaLog);
		this.engine.close();
	}

	@Test
	void hostileDatagramsNeitherStopTheReceiverNorHideTheNextKeyPress() throws Exception {
		MediaSession session = this.engine.open();
		try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
				RtpPeer validPhone = new RtpPeer()) {
			// both of the phone's sockets are on 127.0.0.1; strict matching takes the
			// first
			session.connect((java.net.InetSocketAddress) phone.getLocalSocketAddress(), G711.PCMU, 101);
			List<Character> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
			session.keys().subscribe(keys::add);
			String run = "datagrams of " + Fuzz.reproduce();

			long sent = 0;
			for (int index = 0; index < Fuzz.TRIES; index++) {
				send(phone, RtpDatagrams.any(Fuzz.forTry(index)), session);
				if (++sent % 100 == 0) {
					// in batches the socket buffer can hold, even when this machine is
					// busy
					awaitReceiver(session, sent);
				}
			}

			assertThat(sent).as(run).isGreaterThanOrEqualTo(Fuzz.TRIES);
			// loopback UDP may drop a datagram when the receive buffer is full; most
			// arrive
			long expected = sent * 9 / 10;
			await(run).atMost(Duration.ofSeconds(20))
				.pollInterval(50, TimeUnit.MILLISECONDS)
				.until(() -> counted(session) >= expected);
			long before = keys.size();
			// a key press of a new stream (RFC 4733 end packet) from the phone's address
			byte[] press = new com.phoneverify.media.rtp.RtpPacket(101, true, 1, 4242, 0xCAFE_F00DL,
					new com.phoneverify.media.dtmf.TelephoneEvent(7, true, 10, 800).toBytes())
				.toBytes();
			send(phone, press, session);
			await(run).atMost(Duration.ofSeconds(5)).until(() -> keys.size() > before);
			assertThat(keys.get(keys.size() - 1)).as(run).isEqualTo('7');
			assertThat(session.stats().packetsFromStrangers()).as(run).isZero();
			assertThat(this.mediaLog.list).as(run)
				.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
				.isEmpty();
			StepVerifier.create(session.keys().take(0)).expectComplete().verify(Duration.ofSeconds(1));
		}
		finally {
			session.close();
		}
	}

	/**
	 * Until the receiver has gone through {@code sent} datagrams or stopped making
	 * progress.
	 */
	private static void awaitReceiver(MediaSession session, long sent) {
		long last = -1;
		long quietSince = System.nanoTime();
		while (counted(session) < sent && System.nanoTime() - quietSince < 50_000_000L) {
			long now = counted(session);
			if (now != last) {
				last = now;
				quietSince = System.nanoTime();
			}
			Thread.onSpinWait();
		}
	}

	/**
	 * Datagrams the receiver went through (a parsed packet of another type counts twice).
	 */
	private static long counted(MediaSession session) {
		MediaStats stats = session.stats();
		return stats.packetsReceived() + stats.packetsDiscarded();
	}

	private static void send(DatagramSocket from, byte[] datagram, MediaSession to) {
		try {
			from.send(new DatagramPacket(datagram, datagram.length, to.localAddress()));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
