package com.phoneverify.media;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.phoneverify.media.codec.G711;
import com.phoneverify.media.rtp.RtpPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One call's RTP port is flooded (a broken or hostile peer) while another call's phone
 * presses keys: the receiver serves every port in turn, so the other call's keys still
 * arrive at once.
 */
class RtpFairnessTests {

	private final RtpMediaEngine engine = RtpMediaEngine.start(MediaEngineOptions.defaults());

	private final AtomicBoolean flooding = new AtomicBoolean(true);

	@AfterEach
	void stop() {
		this.flooding.set(false);
		this.engine.close();
	}

	@Test
	void aFloodedPortDoesNotDelayAnotherCallsKeys() throws Exception {
		MediaSession flooded = this.engine.open();
		MediaSession other = this.engine.open();
		List<DatagramSocket> flooders = List.of(new DatagramSocket(0, InetAddress.getLoopbackAddress()),
				new DatagramSocket(0, InetAddress.getLoopbackAddress()));
		// the flooded call's peer is the first flooder: its packets are parsed, not
		// just counted as a stranger's
		flooded.connect(
				new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), flooders.get(0).getLocalPort()),
				G711.PCMU, 101);
		AtomicLong sent = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		for (DatagramSocket flooder : flooders) {
			Thread thread = new Thread(() -> flood(flooder, flooded, sent), "flooder");
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		try (RtpPeer phone = new RtpPeer()) {
			other.connect(phone.address(), G711.PCMU, 101);
			BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
			Disposable keys = other.keys().subscribe((key) -> arrivals.add(System.nanoTime()));
			Thread.sleep(300);
			long floodStart = sent.get();
			long started = System.nanoTime();
			List<Long> latencies = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				long pressed = System.nanoTime();
				phone.sendKey(other, '5', 0x1234, 8000L * (i + 1));
				Long arrived = arrivals.poll(5, TimeUnit.SECONDS);
				assertThat(arrived).as("key %d arrived", i).isNotNull();
				latencies.add((arrived - pressed) / 1_000_000);
				Thread.sleep(20);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			keys.dispose();
			long worst = latencies.stream().mapToLong(Long::longValue).max().orElseThrow();
			System.out.printf("flood: %.0f packets/s at one port; another call's key latency: worst %d ms%n",
					(sent.get() - floodStart) / seconds, worst);
			assertThat(flooded.stats().packetsReceived()).as("the flooded port was read").isGreaterThan(1000);
			assertThat(worst).as("worst key latency (ms) on the other call").isLessThan(200);
		}
		finally {
			this.flooding.set(false);
			for (Thread thread : threads) {
				thread.join(2000);
			}
			flooders.forEach(DatagramSocket::close);
		}
	}

	private void flood(DatagramSocket socket, MediaSession target, AtomicLong sent) {
		byte[] bytes = new RtpPacket(0, false, 1, 160, 0x9999, new byte[160]).toBytes();
		DatagramPacket packet = new DatagramPacket(bytes, bytes.length, target.localAddress());
		while (this.flooding.get()) {
			try {
				socket.send(packet);
				sent.incrementAndGet();
			}
			catch (java.io.IOException ex) {
				return;
			}
		}
	}

}
