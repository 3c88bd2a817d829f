package com.phoneverify.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed loop of {@code concurrency} clients, each a thread with its own keep-alive
 * HTTP/1.1 connection, sending its next signed POST (the {@link Workload}'s) as soon as
 * the previous answer was read. Deliberately plain blocking sockets and hand-written
 * HTTP/1.1: the driver shares the cores with the gateway and PostgreSQL, and pgbench's
 * client (C, libpq) costs next to nothing, so ours must be as lean (a reactor-netty
 * client used as much CPU per request as the gateway itself). It measures the CPU time it
 * used, for the report.
 */
public final class HttpLoad {

	/**
	 * @param accepted answers the workload counts
	 * @param rejected other answers and transport errors
	 * @param driverCpuSeconds CPU time the whole driver process used meanwhile
	 */
	record Result(long accepted, long rejected, double seconds, Latencies latencies, double driverCpuSeconds) {

		double perSecond() {
			return this.accepted / this.seconds;
		}

		/** The driver's share of the machine while it ran, in cores. */
		double driverCores() {
			return this.driverCpuSeconds / this.seconds;
		}

	}

	private final InetSocketAddress address;

	private final String host;

	private final RequestSigner signer;

	private final int concurrency;

	private final Workload workload;

	HttpLoad(Credentials credentials, int concurrency, Workload workload) {
		URI url = URI.create(credentials.url());
		this.host = url.getHost() + ":" + url.getPort();
		this.address = new InetSocketAddress(url.getHost(), url.getPort());
		this.signer = new RequestSigner(credentials.keyId(), credentials.secret());
		this.concurrency = concurrency;
		this.workload = workload;
	}

	/** Drives the load for {@code duration} and reports what was accepted meanwhile. */
	Result run(Duration duration) throws InterruptedException {
		Latencies latencies = new Latencies();
		AtomicLong accepted = new AtomicLong();
		AtomicLong rejected = new AtomicLong();
		long cpuBefore = processCpuNanos();
		long started = System.nanoTime();
		long deadline = started + duration.toNanos();
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < this.concurrency; i++) {
			int index = i;
			Thread client = new Thread(() -> loop(index, deadline, latencies, accepted, rejected), "bench-client-" + i);
			client.start();
			clients.add(client);
		}
		for (Thread client : clients) {
			client.join();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Result(accepted.get(), rejected.get(), seconds, latencies, (processCpuNanos() - cpuBefore) / 1e9);
	}

	private void loop(int client, long deadline, Latencies latencies, AtomicLong accepted, AtomicLong rejected) {
		Connection connection = null;
		while (System.nanoTime() < deadline) {
			try {
				if (connection == null) {
					connection = new Connection(this.address);
				}
				long started = System.nanoTime();
				Answer answer = connection.exchange(request(this.workload.path(), this.workload.nextBody(client)));
				if (this.workload.counts(answer.status(), answer.body())) {
					latencies.add(System.nanoTime() - started);
					accepted.incrementAndGet();
				}
				else {
					rejected.incrementAndGet();
				}
			}
			catch (IOException ex) {
				rejected.incrementAndGet();
				if (connection != null) {
					connection.close();
				}
				connection = null;
			}
		}
		if (connection != null) {
			connection.close();
		}
	}

	/**
	 * Sends one signed POST on a connection of its own (set-up requests of a workload).
	 */
	Answer post(String path, byte[] body) throws IOException {
		Connection connection = new Connection(this.address);
		try {
			return connection.exchange(request(path, body));
		}
		finally {
			connection.close();
		}
	}

	/** One signed POST with a new nonce. */
	private byte[] request(String path, byte[] body) {
		String authorization = this.signer.authorization("POST", path, System.currentTimeMillis() / 1000,
				RequestSigner.nonce(), body);
		byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + this.host
				+ "\r\nContent-Type: application/json\r\nAccept: application/json\r\nAuthorization: " + authorization
				+ "\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[head.length + body.length];
		System.arraycopy(head, 0, request, 0, head.length);
		System.arraycopy(body, 0, request, head.length, body.length);
		return request;
	}

	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	/** An answer's status and body. */
	public record Answer(int status, byte[] body) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/**
	 * One keep-alive connection: writes a request, reads the answer's status, headers and
	 * body (Content-Length or chunked). Public for the SMS benchmark's sendsms load.
	 */
	public static final class Connection {

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		public Connection(InetSocketAddress address) throws IOException {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(address, 5000);
			this.socket.setSoTimeout(30_000);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream(), 8192);
		}

		/** Sends the request and reads the whole answer. */
		public Answer exchange(byte[] request) throws IOException {
			this.out.write(request);
			this.out.flush();
			String statusLine = line();
			if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
				throw new IOException("not an HTTP/1.1 answer: " + statusLine);
			}
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String header = line(); !header.isEmpty(); header = line()) {
				String lower = header.toLowerCase(java.util.Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring(15).strip());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream(256);
			if (chunked) {
				for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0; size = Long
					.parseLong(line().split(";")[0].strip(), 16)) {
					read(size, body);
					line();
				}
				line();
			}
			else if (length > 0) {
				read(length, body);
			}
			if (close) {
				throw new IOException("the server closed the connection");
			}
			return new Answer(status, body.toByteArray());
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
				if (c < 0) {
					throw new EOFException("connection closed");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		private void read(long bytes, ByteArrayOutputStream into) throws IOException {
			byte[] buffer = new byte[(int) Math.min(bytes, 8192)];
			long left = bytes;
			while (left > 0) {
				int read = this.in.read(buffer, 0, (int) Math.min(left, buffer.length));
				if (read < 0) {
					throw new EOFException("connection closed");
				}
				into.write(buffer, 0, read);
				left -= read;
			}
		}

		public void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

}
