package com.phoneverify.ars.trunk.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The phone side of a SIP trunk, written by hand on a plain UDP socket so that it can
 * send anything: well-formed responses and requests built from what our stack sent, and
 * the same with any header or body changed. A reader thread queues every message it
 * receives.
 */
final class RawSipPhone implements AutoCloseable {

	private final DatagramSocket socket;

	private final Thread reader;

	private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

	private volatile InetSocketAddress stack;

	RawSipPhone() {
		try {
			this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
		this.reader = new Thread(this::read, "raw-sip-phone");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	int port() {
		return this.socket.getLocalPort();
	}

	/** Where requests and out-of-dialog messages go: our SIP stack. */
	void talkTo(InetSocketAddress stack) {
		this.stack = stack;
	}

	/** The next received message that matches, or empty after {@code timeout}. */
	Optional<Message> next(Predicate<Message> wanted, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return Optional.empty();
				}
				Message message = this.received.poll(left, TimeUnit.NANOSECONDS);
				if (message == null) {
					return Optional.empty();
				}
				if (wanted.test(message)) {
					return Optional.of(message);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/** Forgets what arrived so far (retransmissions of finished exchanges). */
	void drain() {
		this.received.clear();
	}

	void send(String text) {
		send(text.getBytes(StandardCharsets.UTF_8));
	}

	void send(byte[] datagram) {
		try {
			this.socket.send(new DatagramPacket(datagram, datagram.length, this.stack));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.socket.close();
		try {
			this.reader.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void read() {
		byte[] buffer = new byte[65_536];
		while (!this.socket.isClosed()) {
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			try {
				this.socket.receive(packet);
				Message.parse(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
					.ifPresent(this.received::add);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	static String newBranch() {
		return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong());
	}

	/**
	 * A SIP message as text: the start line, the headers in order, the body.
	 *
	 * @param startLine {@code INVITE sip:… SIP/2.0} or {@code SIP/2.0 200 OK}
	 * @param headers name and value pairs, in order, repeated names kept
	 * @param body the body, possibly empty
	 */
	record Message(String startLine, List<Header> headers, String body) {

		static Optional<Message> parse(String text) {
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				return Optional.empty();
			}
			String[] lines = text.substring(0, end).split("\r\n");
			List<Header> headers = new ArrayList<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers
						.add(new Header(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
				}
			}
			return Optional.of(new Message(lines[0], headers, text.substring(end + 4)));
		}

		boolean isRequest(String method) {
			return this.startLine.startsWith(method + " ");
		}

		boolean isResponse() {
			return this.startLine.startsWith("SIP/2.0 ");
		}

		/** The status code, or -1 when the status line has none. */
		int status() {
			String[] parts = this.startLine.split(" ");
			return (parts.length > 1 && parts[1].matches("[0-9]{1,9}")) ? Integer.parseInt(parts[1]) : -1;
		}

		String cseqMethod() {
			String[] cseq = header("CSeq").orElse("0 NONE").split(" +");
			return cseq[cseq.length - 1];
		}

		/** The CSeq number, or -1 when it is not one. */
		long cseqNumber() {
			String number = header("CSeq").orElse("").split(" +")[0];
			return number.matches("[0-9]{1,18}") ? Long.parseLong(number) : -1;
		}

		Optional<String> header(String name) {
			return this.headers.stream()
				.filter((header) -> header.name().equalsIgnoreCase(name)
						|| header.name().equalsIgnoreCase(compact(name)))
				.map(Header::value)
				.findFirst();
		}

		String callId() {
			return header("Call-ID").orElse("");
		}

		/**
		 * A response to this request: Via, From, Call-ID and CSeq copied, the To tagged
		 * with {@code toTag} when it has none (RFC 3261 §8.2.6.2).
		 */
		Message response(int status, String reason, String toTag, int phonePort) {
			List<Header> copied = new ArrayList<>();
			for (Header header : this.headers) {
				String name = header.name().toLowerCase(Locale.ROOT);
				if (name.equals("via") || name.equals("v") || name.equals("from") || name.equals("f")
						|| name.equals("call-id") || name.equals("i") || name.equals("cseq")) {
					copied.add(header);
				}
				else if (name.equals("to") || name.equals("t")) {
					copied.add(new Header("To",
							header.value().contains(";tag=") ? header.value() : header.value() + ";tag=" + toTag));
				}
			}
			copied.add(new Header("Contact", "<sip:phone@127.0.0.1:" + phonePort + ">"));
			return new Message("SIP/2.0 " + status + " " + reason, copied, "");
		}

		Message withBody(String contentType, String newBody) {
			List<Header> headers = new ArrayList<>(this.headers);
			headers.add(new Header("Content-Type", contentType));
			return new Message(this.startLine, headers, newBody);
		}

		/** The text with a Content-Length that matches the body. */
		String text() {
			return text(String.valueOf(this.body.getBytes(StandardCharsets.UTF_8).length));
		}

		/**
		 * The text with any Content-Length value, or none when {@code contentLength} is
		 * null.
		 */
		String text(String contentLength) {
			StringBuilder out = new StringBuilder(this.startLine).append("\r\n");
			for (Header header : this.headers) {
				out.append(header.name()).append(": ").append(header.value()).append("\r\n");
			}
			if (contentLength != null) {
				out.append("Content-Length: ").append(contentLength).append("\r\n");
			}
			return out.append("\r\n").append(this.body).toString();
		}

		private static String compact(String name) {
			return switch (name.toLowerCase(Locale.ROOT)) {
				case "via" -> "v";
				case "from" -> "f";
				case "to" -> "t";
				case "call-id" -> "i";
				case "contact" -> "m";
				case "content-length" -> "l";
				case "content-type" -> "c";
				default -> name;
			};
		}

	}

	record Header(String name, String value) {
	}

}
