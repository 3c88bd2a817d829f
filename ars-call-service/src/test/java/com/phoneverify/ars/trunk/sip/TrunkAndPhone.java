package com.phoneverify.ars.trunk.sip;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;

import com.phoneverify.ars.media.RtpMedia;
import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.media.MediaEngineOptions;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The real trunk adapter on loopback with a raw phone as its only peer, and a socket that
 * swallows the RTP our side sends; a CANCEL the phone leaves unanswered ends the call
 * after 2 s instead of 32.
 */
final class TrunkAndPhone implements AutoCloseable {

	final Scheduler events;

	final RtpMedia media;

	final RawSipPhone phone;

	final DatagramSocket rtpSink;

	final SipTrunk trunk;

	TrunkAndPhone(String name) throws SocketException {
		this.events = Schedulers.newSingle(name);
		this.media = new RtpMedia(MediaEngineOptions.defaults().withBindAddress(InetAddress.getLoopbackAddress()));
		this.phone = new RawSipPhone();
		this.rtpSink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
		this.trunk = new SipTrunk(new ArsProperties.Sip("127.0.0.1", 0, "127.0.0.1:" + this.phone.port(), "udp",
				Duration.ofSeconds(30), "ars", Duration.ofSeconds(40), Duration.ofSeconds(2)), this.media, this.events);
		this.phone.talkTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.trunk.localPort()));
	}

	@Override
	public void close() {
		this.trunk.close();
		this.media.close();
		this.phone.close();
		this.rtpSink.close();
		this.events.dispose();
	}

}
