package com.phoneverify.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;

import com.phoneverify.media.dtmf.TelephoneEvent;
import com.phoneverify.media.rtp.RtpPacket;

/** A plain UDP socket on loopback that sends hand-made RTP packets to a session. */
final class RtpPeer implements AutoCloseable {

	private final DatagramSocket socket;

	private int sequence;

	RtpPeer() {
		try {
			this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	InetSocketAddress address() {
		return (InetSocketAddress) this.socket.getLocalSocketAddress();
	}

	/**
	 * Sends one RFC 4733 end packet of {@code key}, an event of its own at
	 * {@code timestamp}.
	 */
	void sendKey(MediaSession to, char key, long ssrc, long timestamp) {
		byte[] event = new TelephoneEvent(TelephoneEvent.eventFor(key), true, 10, 800).toBytes();
		send(to, new RtpPacket(101, true, this.sequence++ & 0xFFFF, timestamp, ssrc, event));
	}

	/** Sends one PCMU packet whose every byte is {@code sample}. */
	void sendAudio(MediaSession to, byte sample, int length, long ssrc) {
		byte[] audio = new byte[length];
		Arrays.fill(audio, sample);
		send(to, new RtpPacket(0, false, this.sequence & 0xFFFF, this.sequence++ * 160L, ssrc, audio));
	}

	private void send(MediaSession to, RtpPacket packet) {
		byte[] bytes = packet.toBytes();
		try {
			this.socket.send(new DatagramPacket(bytes, bytes.length, to.localAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
