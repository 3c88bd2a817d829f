package com.phoneverify.ars.trunk.sip;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.phoneverify.ars.media.RtpMedia;
import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.media.MediaEngineOptions;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What JAIN-SIP logs about what a peer sent (found by {@link SipTrunkFuzzTests}). */
class SipStackLogTests {

	@Test
	void anUnreadableDatagramIsLoggedAsOneShortWarningWithoutItsBytes() throws Exception {
		ListAppender<ILoggingEvent> stackLog = new ListAppender<>();
		stackLog.start();
		Logger logger = (Logger) LoggerFactory.getLogger("gov.nist.javax.sip");
		logger.addAppender(stackLog);
		Scheduler events = Schedulers.newSingle("sip-stack-log-test");
		try (RtpMedia media = new RtpMedia(
				MediaEngineOptions.defaults().withBindAddress(InetAddress.getLoopbackAddress()));
				SipTrunk trunk = new SipTrunk(new ArsProperties.Sip("127.0.0.1", 0, "127.0.0.1:9", "udp",
						Duration.ofSeconds(30), "ars", Duration.ofSeconds(40), Duration.ofSeconds(32)), media, events);
				DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			// no CSeq: the stack's parser fails with a NullPointerException; it used to
			// log
			// that at ERROR with its whole 64 KiB receive buffer written out as numbers
			byte[] junk = "INVITE sip:+821055501234@b SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
			peer.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), trunk.localPort()));

			await().atMost(Duration.ofSeconds(5))
				.until(() -> stackLog.list.stream()
					.anyMatch((event) -> event.getFormattedMessage().contains("Error while processing incoming UDP")));
		}
		finally {
			logger.detachAppender(stackLog);
			events.dispose();
		}
		assertThat(stackLog.list).allSatisfy((event) -> {
			assertThat(event.getLevel()).isNotEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).hasSizeLessThan(400)
				.doesNotContain("0, 0, 0")
				.doesNotContain("5550");
			assertThat(event.getThrowableProxy()).isNull();
		});
	}

	@Test
	void aStackMessageIsCutAtItsFirstLineOrDumpAndItsNumbersMasked() {
		assertThat(SipStackLog.safe("Error while processing incoming UDP packet[73, 78, 86, 0, 0]"))
			.isEqualTo("Error while processing incoming UDP packet");
		assertThat(SipStackLog.safe("bad message INVITE sip:+821055501234@trunk SIP/2.0\r\nTo: <sip:+821055501234@x>"))
			.isEqualTo("bad message INVITE sip:+#@trunk SIP/2.0");
		assertThat(SipStackLog.safe("x".repeat(1_000))).hasSize(201);
		assertThat(SipStackLog.safe(null)).isEqualTo("null");
	}

}
