package com.phoneverify.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates {@link MediaSession}s and runs them on two threads of its own: one pacer that
 * sends every session's packets on their deadlines, one NIO receiver for all sessions'
 * sockets. Blocking and timing-sensitive work therefore never runs on Reactor or Netty
 * threads.
 * <p>
 * Start one per application (or per test) and close it at shutdown; closing it closes its
 * sessions. Thread-safe.
 */
public final class RtpMediaEngine implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RtpMediaEngine.class);

	private static final AtomicInteger engineCounter = new AtomicInteger();

	/** The pacer re-checks for new sessions at least this often while idle. */
	private static final long IDLE_PARK_NANOS = 50_000_000;

	private static final int MAX_DATAGRAM = 2048;

	/**
	 * Datagrams read from one port before the receiver turns to the next ready one: a
	 * port flooded faster than it can be read is never drained empty, and without a
	 * budget every other call would wait behind it.
	 */
	static final int READS_PER_TURN = 32;

	private final MediaEngineOptions options;

	private final Selector selector;

	private final List<RtpSession> sessions = new CopyOnWriteArrayList<>();

	private final Queue<RtpSession> pendingRegistrations = new ConcurrentLinkedQueue<>();

	private final Thread pacer;

	private final Thread receiver;

	private final AtomicInteger nextPortOffset = new AtomicInteger();

	private volatile boolean running = true;

	private RtpMediaEngine(MediaEngineOptions options) throws IOException {
		this.options = options;
		this.selector = Selector.open();
		int id = engineCounter.incrementAndGet();
		this.pacer = new Thread(this::pace, "rtp-pacer-" + id);
		this.pacer.setDaemon(true);
		this.pacer.setPriority(Thread.MAX_PRIORITY);
		this.receiver = new Thread(this::receive, "rtp-receiver-" + id);
		this.receiver.setDaemon(true);
	}

	/**
	 * Starts an engine and its two threads.
	 * @throws UncheckedIOException if no selector can be opened
	 */
	public static RtpMediaEngine start(MediaEngineOptions options) {
		try {
			RtpMediaEngine engine = new RtpMediaEngine(options);
			engine.pacer.start();
			engine.receiver.start();
			return engine;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The options this engine binds with. */
	public MediaEngineOptions options() {
		return this.options;
	}

	/**
	 * Binds a UDP port and returns a session that already receives on it.
	 * @throws UncheckedIOException if no port can be bound
	 * @throws IllegalStateException if the engine is closed
	 */
	public MediaSession open() {
		if (!this.running) {
			throw new IllegalStateException("media engine closed");
		}
		DatagramChannel channel = bind();
		try {
			channel.configureBlocking(false);
			RtpSession session = new RtpSession(this, channel, (InetSocketAddress) channel.getLocalAddress(),
					this.options);
			this.sessions.add(session);
			this.pendingRegistrations.add(session);
			this.selector.wakeup();
			return session;
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UncheckedIOException(ex);
		}
	}

	/** Sessions currently open. */
	public int openSessions() {
		return this.sessions.size();
	}

	/** Closes every session and stops the threads. Idempotent. */
	@Override
	public void close() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.sessions.forEach(RtpSession::close);
		LockSupport.unpark(this.pacer);
		this.selector.wakeup();
		try {
			this.pacer.join(1000);
			this.receiver.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the RTP selector failed", ex);
		}
	}

	void wakePacer() {
		LockSupport.unpark(this.pacer);
	}

	void release(RtpSession session) {
		this.sessions.remove(session);
		this.selector.wakeup();
	}

	private DatagramChannel bind() {
		if (this.options.ephemeralPorts()) {
			return bind(0);
		}
		int start = this.options.portRangeStart() + (this.options.portRangeStart() & 1);
		int evenPorts = (this.options.portRangeEnd() - start) / 2 + 1;
		for (int attempt = 0; attempt < evenPorts; attempt++) {
			int port = start + 2 * Math.floorMod(this.nextPortOffset.getAndIncrement(), evenPorts);
			try {
				return bind(port);
			}
			catch (UncheckedIOException ex) {
				if (!(ex.getCause() instanceof BindException)) {
					throw ex;
				}
			}
		}
		throw new UncheckedIOException(new BindException(
				"no free even RTP port in " + this.options.portRangeStart() + "-" + this.options.portRangeEnd()));
	}

	private DatagramChannel bind(int port) {
		DatagramChannel channel = null;
		try {
			channel = (this.options.bindAddress() instanceof Inet4Address)
					? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
			channel.bind(new InetSocketAddress(this.options.bindAddress(), port));
			return channel;
		}
		catch (IOException ex) {
			if (channel != null) {
				closeQuietly(channel);
			}
			throw new UncheckedIOException(ex);
		}
	}

	private void pace() {
		while (this.running) {
			long earliest = Long.MAX_VALUE;
			for (RtpSession session : this.sessions) {
				try {
					earliest = Math.min(earliest, session.pace(System.nanoTime()));
				}
				catch (RuntimeException ex) {
					logger.warn("RTP pacing of session {} failed", session.localAddress(), ex);
				}
			}
			long wait = (earliest == Long.MAX_VALUE) ? IDLE_PARK_NANOS
					: Math.min(IDLE_PARK_NANOS, earliest - System.nanoTime());
			if (wait > 0) {
				LockSupport.parkNanos(this, wait);
			}
		}
	}

	private void receive() {
		ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
		while (this.running) {
			try {
				registerPending();
				this.selector.select();
				Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					drain(key, buffer);
				}
			}
			catch (IOException | RuntimeException ex) {
				if (this.running) {
					logger.warn("RTP receive loop error", ex);
				}
			}
		}
	}

	private void registerPending() {
		RtpSession session;
		while ((session = this.pendingRegistrations.poll()) != null) {
			try {
				session.channel().register(this.selector, SelectionKey.OP_READ, session);
			}
			catch (ClosedChannelException ex) {
				// closed before it was registered
			}
		}
	}

	private void drain(SelectionKey key, ByteBuffer buffer) {
		if (!key.isValid()) {
			return;
		}
		RtpSession session = (RtpSession) key.attachment();
		DatagramChannel channel = (DatagramChannel) key.channel();
		try {
			SocketAddress source;
			int reads = 0;
			while (reads++ < READS_PER_TURN && (source = channel.receive(buffer.clear())) != null) {
				session.onDatagram(source, buffer.array(), buffer.position());
			}
		}
		catch (IOException ex) {
			// ICMP port unreachable or a closed channel: nothing to read now
			logger.debug("RTP receive on {} failed: {}", session.localAddress(), ex.toString());
		}
	}

	private static void closeQuietly(DatagramChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

}
